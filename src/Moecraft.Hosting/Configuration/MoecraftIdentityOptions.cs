namespace Moecraft.Hosting.Configuration;

/// <summary>The node's Ed25519 identity ("Moecraft:Identity", SPEC 6).</summary>
public sealed class MoecraftIdentityOptions
{
    public const string DefaultKeyFileName = "node.key";

    /// <summary>The private key file (PKCS#8 PEM, 0600); created on first start. Default: node.key in the storage data directory.</summary>
    public string? KeyFile { get; set; }

    public string ResolveKeyFile(MoecraftStorageOptions storage) =>
        string.IsNullOrWhiteSpace(KeyFile) ? Path.Combine(storage.ResolveDataDirectory(), DefaultKeyFileName) : Path.GetFullPath(KeyFile);
}
