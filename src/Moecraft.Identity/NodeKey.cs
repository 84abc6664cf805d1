using System.Security.Cryptography;
using NSec.Cryptography;

namespace Moecraft.Identity;

/// <summary>
/// A node's Ed25519 key pair, kept in a PKCS#8 PEM key file readable by its owner only (0600 on Unix). Created on first
/// start, loaded on later starts. Once loaded the key cannot be exported again, so nothing can copy it into state or logs.
/// </summary>
public sealed class NodeKey : INodeSigner, IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
    private const int MaxKeyFileBytes = 4096;

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    // NSec keys are not guaranteed thread-safe; grains on several threads sign through one instance.
    private readonly Lock _lock = new();
    private readonly Key _key;

    private NodeKey(Key key, string path)
    {
        _key = key;
        KeyFile = path;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        NodeId = NodeIds.FromPublicKey(PublicKey.Span);
    }

    /// <summary>Full path of the key file.</summary>
    public string KeyFile { get; }

    public ReadOnlyMemory<byte> PublicKey { get; }

    public string NodeId { get; }

    /// <summary>True when this call created the key file (first start).</summary>
    public bool Created { get; private set; }

    /// <summary>Loads the key file at <paramref name="path"/>, creating it (and its directory) with a new key when missing.</summary>
    /// <exception cref="NodeKeyException">The file is not an Ed25519 private key, or group or others may access it.</exception>
    public static NodeKey LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        path = Path.GetFullPath(path);
        var created = !File.Exists(path) && TryCreate(path);
        var key = Load(path);
        key.Created = created;
        return key;
    }

    /// <summary>Loads an existing key file.</summary>
    /// <exception cref="NodeKeyException">Missing, unreadable, malformed, or accessible to group or others.</exception>
    public static NodeKey Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        path = Path.GetFullPath(path);
        if (!File.Exists(path)) throw new NodeKeyException($"The node key file '{path}' does not exist.");
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOther) != 0)
                throw new NodeKeyException($"The node key file '{path}' may be read or written by other users (mode {Octal(mode)}); "
                    + "it must be accessible to its owner only: chmod 600 it, or move it away to have a new key made.");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NodeKeyException($"The node key file '{path}' cannot be read: {ex.Message}", ex);
        }
        try
        {
            if (bytes.Length is 0 or > MaxKeyFileBytes
                || !Key.TryImport(Algorithm, bytes, KeyBlobFormat.PkixPrivateKeyText, out var key, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None })
                || key is null)
            {
                // Deliberately no detail from the content: it may be (part of) a key.
                throw new NodeKeyException($"The node key file '{path}' is not an Ed25519 private key in PKCS#8 PEM form "
                    + "(-----BEGIN PRIVATE KEY-----). Restore it from a backup, or move it away to have a new key (and node id) made.");
            }
            return new NodeKey(key, path);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            return Algorithm.Sign(_key, data);
        }
    }

    public void Dispose() => _key.Dispose();

    // Written to a private temp file first and moved into place without overwriting, so concurrent first starts (silos of
    // one process) agree on one key and nobody ever reads a half-written file. False when another start won the race.
    private static bool TryCreate(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():n}.tmp");
        byte[]? pem = null;
        try
        {
            using (var key = Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextArchiving }))
                pem = key.Export(KeyBlobFormat.PkixPrivateKeyText);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(pem);
                stream.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temp, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }
        finally
        {
            if (pem is not null) CryptographicOperations.ZeroMemory(pem);
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}
