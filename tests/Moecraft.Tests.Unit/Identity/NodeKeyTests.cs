using System.Runtime.Versioning;
using System.Text;
using Moecraft.Identity;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Identity;

/// <summary>The node key file (SPEC 6): created 0600 on first start, reloaded after, refused when malformed or exposed.</summary>
[UnsupportedOSPlatform("windows")] // Unix file modes are the point of these tests.
public sealed class NodeKeyTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void First_start_creates_an_owner_only_key_file_and_later_starts_load_the_same_key()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "nested", "node.key");

        string nodeId;
        byte[] signature;
        using (var created = NodeKey.LoadOrCreate(path))
        {
            Assert.True(created.Created);
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.Equal(NodeIds.FromPublicKey(created.PublicKey.Span), created.NodeId);
            Assert.Equal(43, created.NodeId.Length);
            nodeId = created.NodeId;
            signature = created.Sign("hello"u8);
        }

        using var loaded = NodeKey.LoadOrCreate(path);
        Assert.False(loaded.Created);
        Assert.Equal(nodeId, loaded.NodeId);
        Assert.Equal(signature, loaded.Sign("hello"u8)); // Ed25519 is deterministic: same key, same signature
        Assert.True(Signatures.Verify(loaded.PublicKey.Span, "hello"u8, signature));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temp files left behind
    }

    [Fact]
    public async Task Concurrent_first_starts_agree_on_one_key()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "node.key");

        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => NodeKey.LoadOrCreate(path))));

        Assert.Single(keys.Select(k => k.NodeId).Distinct());
        Assert.Single(keys, k => k.Created);
        foreach (var key in keys) key.Dispose();
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite)]
    public void A_key_file_others_can_access_is_refused_without_revealing_the_key(UnixFileMode mode)
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "node.key");
        NodeKeyFiles.Write(path, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), mode);
        var content = File.ReadAllText(path);

        var error = Assert.Throws<NodeKeyException>(() => NodeKey.LoadOrCreate(path));

        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        AssertRevealsNothing(error, content);
        Assert.Equal(content, File.ReadAllText(path)); // refused, not replaced
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAECAwQFBgcICQoLDA0ODxAREhMUFRYX\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAXGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJNI=\n-----END PUBLIC KEY-----\n")]
    public void A_malformed_key_file_is_refused_and_left_alone(string content)
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "node.key");
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, OwnerReadWrite);

        var error = Assert.Throws<NodeKeyException>(() => NodeKey.LoadOrCreate(path));

        Assert.Contains("not an Ed25519 private key", error.Message, StringComparison.Ordinal);
        AssertRevealsNothing(error, content);
        Assert.Equal(content, File.ReadAllText(path));
    }

    [Fact]
    public void Loading_a_missing_file_without_create_is_an_error()
    {
        using var directory = new TempDirectory();
        var error = Assert.Throws<NodeKeyException>(() => NodeKey.Load(Path.Combine(directory.Path, "absent.key")));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    private static void AssertRevealsNothing(Exception error, string content)
    {
        foreach (var line in content.Split('\n').Where(l => l.Length > 12 && !l.StartsWith("-----", StringComparison.Ordinal)))
            Assert.DoesNotContain(line, error.ToString(), StringComparison.Ordinal);
        if (content.Length > 0) Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(content)), error.ToString(), StringComparison.Ordinal);
    }
}
