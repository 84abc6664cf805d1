namespace Moecraft.Caching;

/// <summary>
/// The small English word lists behind <see cref="PromptGuard"/>. Deliberately short and general: a word here can
/// only veto a hit between two prompts that differ in it, so a missing word costs a false hit and an extra word at
/// most a miss (one more model call).
/// </summary>
internal static class GuardLexicon
{
    public static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "without", "cannot",
        // Contractions typed without the apostrophe ("dont"); with it they end in "n't" and are caught by suffix.
        "dont", "doesnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "shouldnt", "couldnt", "didnt",
        "hasnt", "havent", "hadnt", "cant", "mustnt", "neednt", "aint",
    };

    /// <summary>Antonym pairs: each entry is (positive pole words, negative pole words).</summary>
    private static readonly (string[] Positive, string[] Negative)[] Pairs =
    [
        (["safe", "harmless"], ["unsafe", "dangerous", "risky", "harmful", "hazardous"]),
        (["increase", "raise", "grow", "boost", "higher", "maximize", "maximise"], ["decrease", "reduce", "lower", "shrink", "minimize", "minimise"]),
        (["more"], ["less", "fewer"]),
        (["most"], ["least"]),
        (["best"], ["worst"]),
        (["better"], ["worse"]),
        (["fast", "quick"], ["slow"]),
        (["faster", "quicker"], ["slower"]),
        (["fastest", "quickest"], ["slowest"]),
        (["high"], ["low"]),
        (["big", "large", "huge"], ["small", "tiny"]),
        (["bigger", "larger"], ["smaller"]),
        (["biggest", "largest"], ["smallest"]),
        (["long"], ["short"]),
        (["longer"], ["shorter"]),
        (["before"], ["after"]),
        (["first"], ["last"]),
        (["start", "begin"], ["stop", "finish"]),
        (["open"], ["close"]),
        (["enable"], ["disable"]),
        (["allow", "permit"], ["deny", "forbid", "block", "prohibit"]),
        (["accept"], ["reject"]),
        (["add", "insert"], ["remove", "delete"]),
        (["buy"], ["sell"]),
        (["import"], ["export"]),
        (["upload"], ["download"]),
        (["encrypt"], ["decrypt"]),
        (["encode"], ["decode"]),
        (["compress"], ["decompress"]),
        (["include"], ["exclude"]),
        (["min", "minimum"], ["max", "maximum"]),
        (["true"], ["false"]),
        (["valid"], ["invalid"]),
        (["legal"], ["illegal"]),
        (["possible"], ["impossible"]),
        (["correct"], ["incorrect", "wrong"]),
        (["good"], ["bad"]),
        (["hot"], ["cold"]),
        (["cheap", "inexpensive"], ["expensive", "costly"]),
        (["cheaper"], ["pricier"]),
        (["cheapest"], ["priciest"]),
        (["win"], ["lose"]),
        (["pass", "succeed", "success"], ["fail", "failure"]),
        (["up"], ["down"]),
        (["above"], ["below"]),
        (["inside"], ["outside"]),
        (["input"], ["output"]),
        (["ascending"], ["descending"]),
        (["sync", "synchronous"], ["async", "asynchronous"]),
        (["online"], ["offline"]),
        (["public"], ["private"]),
        (["lock"], ["unlock"]),
        (["install"], ["uninstall"]),
        (["connect"], ["disconnect"]),
        (["visible"], ["hidden", "invisible"]),
        (["show"], ["hide"]),
        (["agree"], ["disagree"]),
        (["positive"], ["negative"]),
        (["rise"], ["fall"]),
        (["strong"], ["weak"]),
        (["heavy"], ["light"]),
        (["older", "oldest"], ["newer", "newest"]),
        (["early", "earlier"], ["late", "later"]),
        (["healthy"], ["unhealthy"]),
        (["likely"], ["unlikely"]),
        (["able"], ["unable"]),
        (["available"], ["unavailable"]),
        (["secure"], ["insecure"]),
        (["stable"], ["unstable"]),
        (["north"], ["south"]),
        (["east"], ["west"]),
    ];

    /// <summary>Word to polarity feature <c>pair * 2 + pole</c> (pole 0 positive, 1 negative).</summary>
    public static readonly Dictionary<string, int> Polarity = BuildPolarity();

    /// <summary>Direction words whose following entity is part of the meaning ("from A to B", "A faster than B").</summary>
    public static readonly HashSet<string> Roles = new(StringComparer.Ordinal)
    {
        "to", "from", "into", "onto", "than", "vs", "versus", "with", "against", "toward", "towards",
    };

    /// <summary>Words skipped between a direction word and the entity it binds.</summary>
    public static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "my", "your", "our", "their", "his", "her", "its", "this", "that", "these", "those", "some",
    };

    /// <summary>Words before which "one" is a pronoun ("which one"), not a count.</summary>
    public static readonly HashSet<string> PronounOne = new(StringComparer.Ordinal)
    {
        "which", "this", "that", "each", "the", "any", "every", "no", "another", "some", "other",
    };

    public static readonly Dictionary<string, int> NumberUnits = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20,
        ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
        ["dozen"] = 12,
    };

    public static readonly Dictionary<string, long> NumberScales = new(StringComparer.Ordinal)
    {
        ["hundred"] = 100, ["thousand"] = 1_000, ["million"] = 1_000_000, ["billion"] = 1_000_000_000,
    };

    private static Dictionary<string, int> BuildPolarity()
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var pair = 0; pair < Pairs.Length; pair++)
        {
            foreach (var word in Pairs[pair].Positive) map.TryAdd(word, pair * 2);
            foreach (var word in Pairs[pair].Negative) map.TryAdd(word, pair * 2 + 1);
        }
        return map;
    }
}
