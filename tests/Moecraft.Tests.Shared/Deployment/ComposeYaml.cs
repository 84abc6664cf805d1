using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Moecraft.Tests.Deployment;

/// <summary>
/// Loads compose YAML with YamlDotNet into plain values the rules can pattern-match: mappings become
/// <see cref="Dictionary{TKey,TValue}"/> with string keys, sequences <see cref="List{T}"/>, scalars strings (no type
/// conversion, so <c>"11111"</c> and <c>11111</c> read alike). YamlDotNet resolves anchors and aliases and throws
/// <see cref="YamlException"/> on malformed YAML, duplicate keys and unknown aliases.
/// </summary>
/// <remarks>
/// Merge keys (<c>&lt;&lt;</c>) are applied here, by the YAML merge-key rules: explicit keys win, and earlier sources
/// win over later ones. YamlDotNet 18's <see cref="MergingParser"/> splices the merged keys in where the <c>&lt;&lt;</c>
/// stands instead, so <see cref="YamlStream"/> rejects an explicit override (silo1's <c>Moecraft__Seed__Enabled</c>) as
/// a duplicate key, and the deserializer lets whichever key comes last win.
/// </remarks>
internal static class ComposeYaml
{
    public static object? Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count switch
        {
            0 => null,
            1 => Convert(stream.Documents[0].RootNode),
            var count => throw new YamlException($"expected one YAML document, found {count}"),
        };
    }

    public static Dictionary<string, object?>? Map(Dictionary<string, object?>? map, string key) =>
        map?.GetValueOrDefault(key) as Dictionary<string, object?>;

    public static string? Str(Dictionary<string, object?>? map, string key) =>
        map?.GetValueOrDefault(key) as string;

    public static IEnumerable<string> Strings(object? value) =>
        value is List<object?> list ? list.OfType<string>() : [];

    private static object? Convert(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value,
        YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
        YamlMappingNode mapping => Convert(mapping),
        _ => throw new YamlException(node.Start, node.End, $"unexpected {node.NodeType} node"),
    };

    private static Dictionary<string, object?> Convert(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        var sources = new List<YamlMappingNode>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                throw new YamlException(keyNode.Start, keyNode.End, "only scalar keys are supported");
            }

            if (key == "<<" && scalarKey.Style == ScalarStyle.Plain)
            {
                sources.AddRange(value switch
                {
                    YamlMappingNode one => [one],
                    YamlSequenceNode many when many.Children.All(n => n is YamlMappingNode) => many.Children.Cast<YamlMappingNode>(),
                    _ => throw new YamlException(value.Start, value.End, "a merge key needs a mapping or a sequence of mappings"),
                });
                continue;
            }

            result.Add(key, Convert(value)); // Duplicate keys were already rejected by YamlDotNet.
        }

        foreach (var source in sources)
        {
            foreach (var (key, value) in Convert(source))
            {
                result.TryAdd(key, value);
            }
        }

        return result;
    }
}
