using System.Globalization;
using System.Text;

namespace Moecraft.Caching;

/// <summary>
/// A generated paraphrase / meaning-reversal test set for the surrogate cache (SPEC 4.3 "false hits measured on a
/// paraphrase / negation test set"). From a seed it fills ten prompt templates with drawn slot values (base prompts,
/// all distinct) and derives from each base:
/// <list type="bullet">
/// <item><see cref="ProbeKind.Paraphrase"/>: casing, punctuation, filler words (every base) and, where the template
/// has them, a synonym and a reordering;</item>
/// <item><see cref="ProbeKind.MeaningReversal"/>: negation inserted or removed, antonym swap, changed number, swapped
/// entities, substituted entity (as the template allows);</item>
/// <item><see cref="ProbeKind.Unrelated"/>: one prompt from topics no base uses and, for a base with a context
/// sentence, the same context followed by such a prompt.</item>
/// </list>
/// Half the bases (and all their variants) start with a context sentence, so prompt length varies as in real traffic.
/// A should-not-hit variant whose words equal some base prompt's words is dropped, so a hit on it is always false.
/// The same seed gives the same set in every process.
/// </summary>
public sealed class CacheProbeSet
{
    public const int DefaultSeed = 20_240_601;
    public const int DefaultBasesPerTemplate = 20;

    private CacheProbeSet(IReadOnlyList<ProbeCase> cases) => Cases = cases;

    public IReadOnlyList<ProbeCase> Cases { get; }

    public int VariantCount => Cases.Sum(c => c.Variants.Count);

    public static CacheProbeSet Generate(int seed = DefaultSeed, int basesPerTemplate = DefaultBasesPerTemplate)
    {
        if (basesPerTemplate is < 1 or > 200)
            throw new ArgumentOutOfRangeException(nameof(basesPerTemplate), basesPerTemplate, "Bases per template must be in [1, 200].");
        var random = new Random(seed);
        var draws = new List<(string Template, Draw Draw)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var template in ProbeTemplates.All)
        {
            var made = 0;
            for (var attempt = 0; made < basesPerTemplate && attempt < basesPerTemplate * 50; attempt++)
            {
                var draw = template.Make(random);
                // Half the prompts carry a context sentence first, as real prompts do: one edited word then moves a
                // long prompt's embedding much less than a short one's, which is where the guard earns its keep.
                if (random.Next(2) == 0) draw = WithContext(draw, ProbeTemplates.Context(random));
                if (!seen.Add(Words(draw.Base))) continue;
                draws.Add((template.Name, draw));
                made++;
            }
        }

        var cases = new List<ProbeCase>(draws.Count);
        foreach (var (name, draw) in draws)
        {
            var variants = new List<ProbeVariant>();
            foreach (var (text, edit) in GenericParaphrases(draw.Base, random)) variants.Add(new ProbeVariant(text, ProbeKind.Paraphrase, edit));
            foreach (var (text, kind, edit) in draw.Specific)
            {
                // A reversal that lands exactly on another base would rightly hit it; drop it so every counted hit is false.
                if (kind != ProbeKind.Paraphrase && seen.Contains(Words(text))) continue;
                variants.Add(new ProbeVariant(text, kind, edit));
            }
            variants.Add(new ProbeVariant(ProbeTemplates.Unrelated(random), ProbeKind.Unrelated, "unrelated"));
            if (draw.Context is { } context)
                variants.Add(new ProbeVariant(context + " " + ProbeTemplates.Unrelated(random), ProbeKind.Unrelated, "unrelated-same-context"));
            cases.Add(new ProbeCase(cases.Count, name, draw.Base, variants));
        }
        return new CacheProbeSet(cases);
    }

    private static readonly string[] Prefixes = ["Please, ", "Quick question: ", "Hey, ", "Can you tell me: ", "I was wondering, "];
    private static readonly string[] Suffixes = [" Thanks!", " Thank you.", " Please help.", " Cheers."];

    private static IEnumerable<(string Text, string Edit)> GenericParaphrases(string text, Random random)
    {
        yield return (random.Next(2) == 0 ? text.ToUpperInvariant() : text.ToLowerInvariant(), "casing");

        var bare = text.TrimEnd('?', '.', '!');
        yield return (random.Next(3) switch
        {
            0 => bare,
            1 => bare + " ??",
            _ => bare.Replace(",", "", StringComparison.Ordinal) + "...",
        }, "punctuation");

        yield return (random.Next(2) == 0
            ? ProbeTemplates.Pick(random, Prefixes) + char.ToLower(text[0], CultureInfo.InvariantCulture) + text[1..]
            : text + ProbeTemplates.Pick(random, Suffixes), "filler");
    }

    /// <summary>Lower-case letters and digits only, words single-spaced: two prompts with equal words compare equal.</summary>
    internal static string Words(string text)
    {
        var builder = new StringBuilder();
        var space = false;
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (space && builder.Length > 0) builder.Append(' ');
                builder.Append(char.ToLowerInvariant(ch));
                space = false;
            }
            else space = true;
        }
        return builder.ToString();
    }

    private static Draw WithContext(Draw draw, string context) => new(
        context + " " + draw.Base,
        [.. draw.Specific.Select(v => (context + " " + v.Text, v.Kind, v.Edit))],
        context);

    /// <summary>One filled template: the base prompt, its template-specific variants and the context sentence, if any.</summary>
    internal sealed record Draw(string Base, IReadOnlyList<(string Text, ProbeKind Kind, string Edit)> Specific, string? Context = null);
}
