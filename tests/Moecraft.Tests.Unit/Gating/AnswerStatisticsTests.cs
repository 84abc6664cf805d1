using Moecraft.Gating;

namespace Moecraft.Tests.Gating;

/// <summary>The structural statistics of an expert's answer that the answer-aware predictors read (issue 14).</summary>
public sealed class AnswerStatisticsTests
{
    private const int FinalAnswer = 0, Length = 1, Unfinished = 2, Hedging = 3, SelfCorrection = 4, Repetition = 5, Candidates = 6;

    [Theory]
    [InlineData("Both statements hold, so the answer is (C).")]
    [InlineData("Adding the two parts gives 42.\nAnswer: 42")]
    [InlineData("Therefore the final answer is 17.")]
    [InlineData("So the area is $\\boxed{12\\pi}$.")]
    [InlineData("Only the third option keeps the ratio, (B)")]
    public void A_stated_final_answer_is_recognised_in_its_common_forms(string answer) =>
        Assert.Equal(1f, AnswerStatistics.Of(answer)[FinalAnswer]);

    [Fact]
    public void An_answer_that_only_reasons_states_no_final_answer()
    {
        var statistics = AnswerStatistics.Of("We can use the two surveys to find the values of a and b, then compare them with the totals");

        Assert.Equal(0f, statistics[FinalAnswer]);
        Assert.Equal(1f, statistics[Unfinished]);
    }

    [Fact]
    public void A_finished_answer_is_not_unfinished_but_one_cut_off_mid_word_is()
    {
        Assert.Equal(0f, AnswerStatistics.Of("The reaction is exothermic.")[Unfinished]);
        Assert.Equal(0f, AnswerStatistics.Of("It follows that $x = 3$")[Unfinished]);
        Assert.Equal(1f, AnswerStatistics.Of("The price of a four-year put option is calculated as")[Unfinished]);
        Assert.Equal(1f, AnswerStatistics.Of("   ")[Unfinished]);
    }

    [Fact]
    public void A_degenerate_loop_scores_high_repetition_and_varied_text_scores_none()
    {
        var loop = string.Concat(Enumerable.Repeat("so a + b + c is at most 2(a + b + c) - 3, ", 12));
        var varied = AnswerStatistics.Of("First convert the speed to metres per second, then multiply by the time to get the distance travelled.");

        Assert.True(AnswerStatistics.Of(loop)[Repetition] > 0.8f);
        Assert.Equal(0f, varied[Repetition]);
    }

    [Fact]
    public void Hedging_and_self_correction_are_counted_as_whole_words()
    {
        var unsure = AnswerStatistics.Of("It might be B, but perhaps it is approximately C. I am not sure.");
        var corrected = AnswerStatistics.Of("The total is 12. Wait, that is a mistake. Let me recalculate: actually it is 14.");
        var plain = AnswerStatistics.Of("We await the terror in the second act and the mighty finale.");

        Assert.Equal(1f, unsure[Hedging]);
        Assert.Equal(1f, corrected[SelfCorrection]);
        Assert.Equal(0f, plain[Hedging]);
        Assert.Equal(0f, plain[SelfCorrection]);
    }

    [Fact]
    public void Naming_several_different_answers_counts_the_extra_candidates()
    {
        var wavering = AnswerStatistics.Of("The answer is (A). However, this is not right, so the answer is (D). On reflection the answer is (G).");
        var steady = AnswerStatistics.Of("The answer is (A). To confirm: the answer is (A).");

        Assert.Equal(2 / 3f, wavering[Candidates], 1e-6);
        Assert.Equal(0f, steady[Candidates]);
    }

    [Fact]
    public void Length_reads_the_reported_output_tokens_and_otherwise_estimates_them_from_the_text()
    {
        const string tail = "The answer is (B).";

        Assert.True(AnswerStatistics.Of(tail, 3000)[Length] > AnswerStatistics.Of(tail, 50)[Length]);
        Assert.Equal(AnswerStatistics.Of(tail, (tail.Length + 3) / 4)[Length], AnswerStatistics.Of(tail)[Length]);
        Assert.Equal(1f, AnswerStatistics.Of(tail, 1_000_000)[Length]);
    }

    [Fact]
    public void The_answer_block_is_the_texts_prompt_statistics_then_its_answer_statistics_all_in_the_unit_interval()
    {
        const string answer = "Wait, 3 + 4 = 7, so perhaps the answer is 7; actually the answer is 8.";

        var block = AnswerStatistics.OfAnswer(answer, 40);

        Assert.Equal(AnswerStatistics.AnswerWidth, block.Length);
        Assert.Equal(PromptStatistics.Of(answer), block[..PromptStatistics.Count]);
        Assert.Equal(AnswerStatistics.Of(answer, 40), block[PromptStatistics.Count..]);
        Assert.All(block, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void A_null_answer_or_negative_token_count_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => AnswerStatistics.Of(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => AnswerStatistics.Of("The answer is 4.", -1));
    }
}
