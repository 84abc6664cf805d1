using Moecraft.Identity;
using Moecraft.Tests.Infrastructure;
using NSec.Cryptography;

namespace Moecraft.Tests.Identity;

/// <summary>Key files for tests: a known seed written as the silo writes keys (PKCS#8 PEM, 0600), loaded through <see cref="NodeKey"/>.</summary>
internal static class NodeKeyFiles
{
    public static void Write(string path, byte[] seed, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        File.WriteAllBytes(path, key.Export(KeyBlobFormat.PkixPrivateKeyText));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
    }

    /// <summary>A signer over <paramref name="seed"/>, through a key file that is deleted at once.</summary>
    public static NodeKey Load(byte[] seed)
    {
        using var directory = new TempDirectory("moecraft-key");
        var path = Path.Combine(directory.Path, "node.key");
        Write(path, seed);
        return NodeKey.Load(path);
    }

    /// <summary>The private key behind a key file, in the forms it could leak in: raw seed and PKCS#8 DER.</summary>
    public static (byte[] Seed, byte[] Pkcs8) Secrets(string path)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, File.ReadAllBytes(path), KeyBlobFormat.PkixPrivateKeyText,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return (key.Export(KeyBlobFormat.RawPrivateKey), key.Export(KeyBlobFormat.PkixPrivateKey));
    }
}
