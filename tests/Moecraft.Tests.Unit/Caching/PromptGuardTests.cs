using Moecraft.Caching;

namespace Moecraft.Tests.Caching;

public sealed class PromptGuardTests
{
    private static GuardConflict Compare(string a, string b) => PromptGuard.Compare(PromptGuard.Sign(a), PromptGuard.Sign(b));

    [Theory]
    [InlineData("Is it safe to swim after lunch?", "is it safe to swim after lunch")]
    [InlineData("Is it safe to swim after lunch?", "Quick question: IS IT SAFE TO SWIM AFTER LUNCH??")]
    [InlineData("Why is my printer not printing?", "Why isn't my printer printing?")]
    [InlineData("Why is my printer not printing?", "Why isn’t my printer printing?")]
    [InlineData("Convert 5 km to miles", "Convert five km to miles")]
    [InlineData("Convert 25 km to miles", "convert twenty-five km to miles")]
    [InlineData("Convert 1,000 km to miles", "convert 1000 km to miles")]
    [InlineData("Convert 2.50 km to miles", "convert 2.5 km to miles")]
    [InlineData("Convert 5 km to miles", "To miles, convert 5 km")]
    [InlineData("How do I increase the timeout?", "How do I raise the timeout?")]
    [InlineData("Which one is faster?", "Which is faster?")]
    [InlineData("Translate 'hi' from French to German", "Translate 'hi' from French into German")]
    public void Paraphrases_agree(string a, string b) => Assert.Equal(GuardConflict.None, Compare(a, b));

    [Theory]
    [InlineData("Is it safe to swim?", "Is it not safe to swim?", GuardConflict.Negation)]
    [InlineData("Why is my printer not printing?", "Why is my printer printing?", GuardConflict.Negation)]
    [InlineData("Should I enable the firewall?", "Shouldn't I enable the firewall?", GuardConflict.Negation)]
    [InlineData("Is it safe to swim?", "Is it dangerous to swim?", GuardConflict.Polarity)]
    [InlineData("How do I increase the timeout?", "How do I decrease the timeout?", GuardConflict.Polarity)]
    [InlineData("The server keeps increasing memory", "The server keeps reducing memory", GuardConflict.Polarity)]
    [InlineData("Return the first 3 items", "Return the last 3 items", GuardConflict.Polarity)]
    [InlineData("Convert 5 km to miles", "Convert 7 km to miles", GuardConflict.Number)]
    [InlineData("Convert 5 km to miles", "Convert km to miles", GuardConflict.Number)]
    [InlineData("Is python3 faster", "Is python2 faster", GuardConflict.Number)]
    [InlineData("Convert 5 USD to EUR", "Convert 5 EUR to USD", GuardConflict.Role)]
    [InlineData("Is Rust faster than Go?", "Is Go faster than Rust?", GuardConflict.Role)]
    public void Meaning_reversals_conflict(string a, string b, GuardConflict expected)
    {
        Assert.Equal(expected, Compare(a, b));
        Assert.Equal(expected, Compare(b, a));
    }

    [Fact]
    public void Signature_reads_negations_and_numbers()
    {
        var signature = PromptGuard.Sign("I don't want two hundred and 5, nor 007 of them");
        Assert.Equal(2, signature.Negations);
        Assert.Equal(["200", "5", "7"], signature.Numbers);
    }
}
