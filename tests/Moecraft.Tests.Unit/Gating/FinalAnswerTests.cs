using Moecraft.Gating;

namespace Moecraft.Tests.Gating;

/// <summary>The final answer a text commits to, normalised so two answers can be compared (issue 14's consistency check).</summary>
public sealed class FinalAnswerTests
{
    [Theory]
    [InlineData("She sells 9 eggs at $2 each, so she makes 2 * 9 = $18.\n\nAnswer: \\boxed{18}", "18")]
    [InlineData("Adding the parts gives 1,200 + 300.\nThe answer is 1,500.", "1500")]
    [InlineData("The final answer is: $42.00", "42")]
    [InlineData("So the area is \\boxed{12\\pi}.", "12\\pi")]
    [InlineData("Only the third option keeps the ratio, (B)", "b")]
    [InlineData("The train needs 2.5 hours, then 45 more minutes, for 3.25 hours in all", "3.25")]
    [InlineData("A discount of 20% takes it to 80%", "80")]
    [InlineData("A police officer works for a city. So the correct answer is \\boxed{(C) \\text{city}}.", "c")]
    [InlineData("\\boxed{(C) city}", "c")]
    [InlineData("In total she earns \\boxed{18 \\text{ dollars}} a day.", "18")]
    [InlineData("The fence costs \\boxed{\\$1,250}.", "1250")]
    [InlineData("The ratio is \\boxed{18/5}.", "18/5")]
    public void The_final_answer_is_read_from_its_common_forms_and_normalised(string text, string expected) =>
        Assert.Equal(expected, FinalAnswer.Of(text));

    [Fact]
    public void A_boxed_answer_wins_over_numbers_after_it_and_the_last_stated_form_wins_over_earlier_ones()
    {
        Assert.Equal("7", FinalAnswer.Of("Answer: \\boxed{7} (it took 3 steps)"));
        Assert.Equal("12", FinalAnswer.Of("At first the answer is 10. Wait, the answer is 12."));
    }

    [Fact]
    public void Answers_that_differ_only_in_form_normalise_alike_and_different_results_do_not()
    {
        Assert.Equal(FinalAnswer.Of("so she pays $1,000.00 in total"), FinalAnswer.Of("The answer is 1000"));
        Assert.Equal(FinalAnswer.Of("The answer is (c)"), FinalAnswer.Of("Answer: C."));
        Assert.NotEqual(FinalAnswer.Of("\\boxed{18}"), FinalAnswer.Of("\\boxed{16}"));
    }

    [Theory]
    [InlineData("It depends on what you value most in a city.")]
    [InlineData("")]
    public void A_text_that_commits_to_no_answer_has_none(string text) => Assert.Null(FinalAnswer.Of(text));

    [Fact]
    public void No_text_is_refused() => Assert.Throws<ArgumentNullException>(() => FinalAnswer.Of(null!));
}
