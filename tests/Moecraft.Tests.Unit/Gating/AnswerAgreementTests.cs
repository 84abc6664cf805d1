using Moecraft.Gating;

namespace Moecraft.Tests.Gating;

/// <summary>The cascade's consistency check (issue 14): do several answers of one expert commit to one final answer?</summary>
public sealed class AnswerAgreementTests
{
    [Fact]
    public void Answers_reaching_one_result_by_different_words_agree()
    {
        Assert.Equal(SampleAgreement.Agree, AnswerAgreement.Of(["9 eggs at $2 make 2 * 9 = 18 dollars.\n\\boxed{18}", "She makes $18.00 a day."]));
    }

    [Fact]
    public void Multiple_choice_answers_are_compared_by_their_letter()
    {
        Assert.Equal(SampleAgreement.Agree, AnswerAgreement.Of(["A police officer works for a city, so the correct answer is \\boxed{(C) \\text{city}}.", "\\boxed{(C) city}"]));
        Assert.Equal(SampleAgreement.Disagree, AnswerAgreement.Of(["So, the correct answer is \\boxed{(B) \\text{hear sounds}}.", "\\boxed{(E) making music}"]));
    }

    [Fact]
    public void Two_different_results_disagree_even_when_a_third_matches_one()
    {
        Assert.Equal(SampleAgreement.Disagree, AnswerAgreement.Of(["The answer is 540.", "The answer is 180.", "So 540 meters."]));
    }

    [Fact]
    public void Fewer_than_two_committed_answers_leave_the_check_unknown()
    {
        Assert.Equal(SampleAgreement.Unknown, AnswerAgreement.Of(["The answer is 540."]));
        Assert.Equal(SampleAgreement.Unknown, AnswerAgreement.Of(["The answer is 540.", "It depends on the track."]));
    }

    [Fact]
    public void An_answer_whose_samples_disagree_is_judged_zero_and_otherwise_by_its_learned_acceptability()
    {
        Assert.Equal(0, AnswerAgreement.Judged(0.9, SampleAgreement.Disagree));
        Assert.Equal(0, AnswerAgreement.Judged(null, SampleAgreement.Disagree));
        Assert.Equal(0.9, AnswerAgreement.Judged(0.9, SampleAgreement.Agree));
        Assert.Null(AnswerAgreement.Judged(null, SampleAgreement.Agree));
        Assert.Equal(0.4, AnswerAgreement.Judged(0.4, SampleAgreement.Unknown));
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => AnswerAgreement.Of([]));
        Assert.Throws<ArgumentException>(() => AnswerAgreement.Of(["The answer is 3.", null!]));
        Assert.Throws<ArgumentOutOfRangeException>(() => AnswerAgreement.Judged(1.5, SampleAgreement.Agree));
    }
}
