namespace Moecraft.Caching;

/// <summary>Why <see cref="PromptGuard"/> vetoed a candidate hit; <see cref="None"/> when the two prompts agree.</summary>
public enum GuardConflict
{
    None,
    /// <summary>A different number of negation words ("is X safe" / "is X not safe").</summary>
    Negation,
    /// <summary>Both name the same antonym pair from opposite ends ("increase" / "decrease").</summary>
    Polarity,
    /// <summary>Different sets of numbers, digits or number words ("5 km" / "7 km").</summary>
    Number,
    /// <summary>A direction word binds a different entity ("USD to EUR" / "EUR to USD").</summary>
    Role,
}
