using System.Text;
using System.Text.Json.Nodes;
using Moecraft.Canonical;

namespace Moecraft.Tests.Identity;

/// <summary>Canonical JSON (SPEC 6): Matrix's appendix vectors, Moecraft's strict-parse rejections, round trips.</summary>
public sealed class CanonicalJsonTests
{
    // The ten pairs of the Matrix specification appendix "Canonical JSON".
    public static TheoryData<string, string> MatrixVectors => new()
    {
        { "{}", "{}" },
        { """{"one": 1, "two": "Two"}""", """{"one":1,"two":"Two"}""" },
        { """{"b": "2", "a": "1"}""", """{"a":"1","b":"2"}""" },
        { """{"b":"2","a":"1"}""", """{"a":"1","b":"2"}""" },
        {
            """{"auth": {"success": true, "mxid": "@john.doe:example.com", "profile": {"display_name": "John Doe", "three_pids": [{"medium": "email", "address": "john.doe@example.org"}, {"medium": "msisdn", "address": "123456789"}]}}}""",
            """{"auth":{"mxid":"@john.doe:example.com","profile":{"display_name":"John Doe","three_pids":[{"address":"john.doe@example.org","medium":"email"},{"address":"123456789","medium":"msisdn"}]},"success":true}}"""
        },
        { """{"a": "日本語"}""", """{"a":"日本語"}""" },
        { """{"本": 2, "日": 1}""", """{"日":1,"本":2}""" },
        { """{"a": "\u65E5"}""", """{"a":"日"}""" },
        { """{"a": null}""", """{"a":null}""" },
        { """{"a": -0, "b": 1e10}""", """{"a":0,"b":10000000000}""" },
    };

    [Theory]
    [MemberData(nameof(MatrixVectors))]
    public void Canonicalize_reproduces_the_Matrix_vectors(string input, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(CanonicalJson.Canonicalize(input)));
        // The canonical form is a fixed point and passes the strict parser.
        Assert.Equal(expected, Encoding.UTF8.GetString(CanonicalJson.Canonicalize(expected)));
        Assert.Equal(expected, Encoding.UTF8.GetString(CanonicalJson.Serialize(CanonicalJson.Parse(expected))));
    }

    [Fact]
    public void Only_quote_backslash_and_control_characters_are_escaped_with_lower_case_hex()
    {
        var canonical = CanonicalJson.Canonicalize("{\"c\":\"\\u0001\\u001F\\u007f\\u2028\\ud83d\\ude00<>&'+/\\b\\t\\n\\f\\r\\\"\\\\\"}");

        var expected = Encoding.UTF8.GetBytes("{\"c\":\"\\u0001\\u001f\u007f\u2028\U0001F600<>&'+/\\b\\t\\n\\f\\r\\\"\\\\\"}");
        Assert.Equal(expected, canonical);
        Assert.Contains((byte)0xF0, canonical); // the emoji is raw 4-byte UTF-8, not a \u escape pair
    }

    [Fact]
    public void Keys_sort_by_code_point_not_by_UTF16_unit()
    {
        // U+E000 sorts before U+1F600 by code point, after it by UTF-16 unit (the emoji's high surrogate is U+D83D).
        var canonical = Encoding.UTF8.GetString(CanonicalJson.Canonicalize("{\"\U0001F600\":1,\"\uE000\":2,\"B\":3,\"a\":4}"));

        Assert.Equal("{\"B\":3,\"a\":4,\"\uE000\":2,\"\U0001F600\":1}", canonical);
    }

    [Fact]
    public void Safe_integer_bounds_are_kept_and_objects_built_in_code_serialize_canonically()
    {
        Assert.Equal("[9007199254740991,-9007199254740991,0]", Encoding.UTF8.GetString(CanonicalJson.Canonicalize("[9007199254740991, -9007199254740991, 0]")));

        var node = new JsonObject { ["z"] = "<é>", ["a"] = new JsonArray(1, 2), ["m"] = new JsonObject { ["y"] = true, ["b"] = null } };
        Assert.Equal("{\"a\":[1,2],\"m\":{\"b\":null,\"y\":true},\"z\":\"<é>\"}", Encoding.UTF8.GetString(CanonicalJson.Serialize(node)));
    }

    [Theory]
    [InlineData("{\"a\":0.5}")]
    [InlineData("{\"a\":1.5e1}")]
    [InlineData("{\"a\":1e-1}")]
    [InlineData("{\"a\":9007199254740992}")]
    [InlineData("{\"a\":-9007199254740992}")]
    [InlineData("{\"a\":1e16}")]
    [InlineData("{\"a\":1e400}")]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{'a':1}")]
    [InlineData("")]
    public void Canonicalize_rejects_floats_big_numbers_duplicates_lone_surrogates_and_bad_JSON(string input) =>
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(input));

    [Theory]
    [InlineData("{\"a\": 1}")] // whitespace
    [InlineData(" {}")]
    [InlineData("{}\n")]
    [InlineData("{\"b\":1,\"a\":2}")] // key order
    [InlineData("{\"a\":1,\"a\":1}")] // duplicate key
    [InlineData("{\"a\":1e10}")] // exponent, even though integral
    [InlineData("{\"a\":1.0}")] // decimal point, even though integral
    [InlineData("{\"a\":-0}")]
    [InlineData("{\"a\":01}")]
    [InlineData("{\"a\":9007199254740992}")]
    [InlineData("{\"a\":\"\\u0041\"}")] // needless escape
    [InlineData("{\"a\":\"\\u001F\"}")] // upper-case hex
    [InlineData("{\"a\":\"\\/\"}")] // needless escape of '/'
    [InlineData("{\"a\":\"\\u00e9\"}")] // non-ASCII must be raw UTF-8
    [InlineData("{\"a\":\"\\ud800\"}")] // lone surrogate
    public void Strict_parse_rejects_anything_that_is_not_canonical_byte_for_byte(string input)
    {
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Parse(input));
        Assert.False(CanonicalJson.IsCanonical(Encoding.UTF8.GetBytes(input)));
    }

    [Fact]
    public void Strict_parse_rejects_invalid_UTF8_and_accepts_canonical_text()
    {
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Parse([(byte)'"', 0xC3, (byte)'"']));

        var element = CanonicalJson.Parse("{\"a\":[1,\"x\",null,true],\"b\":{\"c\":-5}}");
        Assert.Equal(-5, element.GetProperty("b").GetProperty("c").GetInt64());
    }

    [Fact]
    public void The_one_pass_check_agrees_with_canonicalising_and_comparing_on_thousands_of_texts()
    {
        // The definition: a text is canonical when it is its own canonical form. The one-pass check must say the same for
        // canonical texts and for every small corruption of them (whitespace, key order, escapes, numbers, bytes).
        var random = new Random(20261205);
        var checkedTexts = 0;
        var canonicalSeen = 0;
        for (var i = 0; i < 3_000; i++)
        {
            var canonical = CanonicalJson.Canonicalize(RandomJson(random, depth: 0));
            foreach (var text in Corruptions(random, canonical).Prepend(canonical))
            {
                var byDefinition = IsItsOwnCanonicalForm(text);
                Assert.True(byDefinition == CanonicalJson.IsCanonical(text),
                    $"'{Encoding.UTF8.GetString(text)}': by definition {(byDefinition ? "canonical" : "not canonical")}, the check says otherwise");
                checkedTexts++;
                if (byDefinition) canonicalSeen++;
            }
        }
        // Both answers must have come up often, or the comparison shows nothing.
        Assert.InRange(canonicalSeen, 3_000, checkedTexts - 3_000);
    }

    private static bool IsItsOwnCanonicalForm(byte[] text)
    {
        try
        {
            return CanonicalJson.Canonicalize(text).AsSpan().SequenceEqual(text);
        }
        catch (CanonicalJsonException)
        {
            return false;
        }
    }

    // JSON string bodies, escapes written as JSON writes them.
    private static readonly string[] Strings = ["", "a", "b", "ab", "日", "本", "x y", @"q\""u", @"tab\t", @"nl\n", @"c\u0001", "/", "é", "😀", "A"];

    private static string RandomJson(Random random, int depth) => random.Next(depth > 3 ? 4 : 7) switch
    {
        0 => random.Next(-3, 3) switch { -3 => "9007199254740991", -2 => "-9007199254740991", var n => (n * random.Next(0, 1000)).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        1 => "\"" + Strings[random.Next(Strings.Length)] + "\"",
        2 => random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" },
        3 => "\"" + Strings[random.Next(Strings.Length)] + Strings[random.Next(Strings.Length)] + "\"",
        4 or 5 => "{" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => "\"" + Strings[random.Next(Strings.Length)] + "\":" + RandomJson(random, depth + 1))
            .GroupBy(member => member[..member.IndexOf("\":", StringComparison.Ordinal)]).Select(g => g.First())) + "}",
        _ => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1))) + "]",
    };

    private static IEnumerable<byte[]> Corruptions(Random random, byte[] canonical)
    {
        var text = Encoding.UTF8.GetString(canonical);
        byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);
        string Insert(string s, string what) => s.Insert(random.Next(s.Length + 1), what);
        yield return Bytes(Insert(text, " "));
        yield return Bytes(Insert(text, "\n"));
        yield return Bytes(Insert(text, ","));
        yield return Bytes(text.Replace("\"a\"", "\"\\u0061\""));
        yield return Bytes(text.Replace("\\u0001", "\\u0001".ToUpperInvariant()));
        yield return Bytes(text.Replace("\\t", "\\u0009"));
        yield return Bytes(text.Replace("/", "\\/"));
        yield return Bytes(text.Replace("é", "\\u00e9"));
        yield return Bytes(text.Replace("😀", "\\ud83d\\ude00"));
        yield return Bytes(text.Replace("0", "-0"));
        yield return Bytes(text.Replace("1", "1.0"));
        yield return Bytes(text.Replace("2", "2e0"));
        yield return Bytes(text.Replace("9007199254740991", "9007199254740992"));
        yield return Bytes(text.Replace("\"b\":", "\"a\":"));
        yield return Bytes(text.Replace("\"a\":", "\"c\":"));
        var swapped = canonical.ToArray();
        var at = random.Next(swapped.Length);
        swapped[at] = (byte)random.Next(256);
        yield return swapped;
        yield return canonical[..random.Next(canonical.Length)];
    }
}
