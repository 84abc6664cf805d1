using Moecraft.Gating;

namespace Moecraft.Tests.Gating;

/// <summary>The cheap prompt statistics the learned gate weighs beside the embedding (issue 14).</summary>
public sealed class PromptStatisticsTests
{
    private const int Length = 0, Digits = 1, Numbers = 2, Formulas = 3, Code = 4, Questions = 5, Choices = 6, Turns = 7;

    [Fact]
    public void Each_statistic_reads_what_it_names_and_stays_in_the_unit_interval()
    {
        var plain = PromptStatistics.Of("Tell me about the history of Rome");
        var math = PromptStatistics.Of("If 3 apples cost $1.50 and x + 2 = 7, what is 12 * x / 4? And why?");
        var code = PromptStatistics.Of("```python\ndef f(x):\n    return x;\n```\nWhat does it print?");
        var quiz = PromptStatistics.Of("Which is a prime?\nA) 4\nB) 6\nC) 7\nD) 9");
        var chat = PromptStatistics.Of("user: hi\nassistant: hello\nuser: how long is the Nile?");

        Assert.Equal(PromptStatistics.Count, plain.Length);
        Assert.All([plain, math, code, quiz, chat], s => Assert.All(s, v => Assert.InRange(v, 0f, 1f)));
        Assert.True(math[Digits] > plain[Digits] && math[Numbers] > plain[Numbers] && math[Formulas] > plain[Formulas]);
        Assert.Equal(2 / 3f, math[Questions], 1e-6);
        Assert.True(code[Code] > 0.5f && plain[Code] == 0);
        Assert.Equal(0.4f, quiz[Choices], 1e-6);
        Assert.Equal(3 / 8f, chat[Turns], 1e-6);
        Assert.True(PromptStatistics.Of(new string('a', 4000))[Length] > plain[Length]);
        Assert.Equal(1f, PromptStatistics.Of(new string('?', 10))[Questions]);
    }

    [Fact]
    public void An_empty_prompt_has_zero_statistics_and_a_null_one_is_refused()
    {
        Assert.All(PromptStatistics.Of(""), v => Assert.Equal(0f, v));
        Assert.Throws<ArgumentNullException>(() => PromptStatistics.Of(null!));
    }
}
