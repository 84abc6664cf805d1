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
        // A file that exists may have been created a moment ago by a start that is still writing it.
        if (File.Exists(path) || !TryCreate(path)) return LoadWrittenByAnother(path);
        var key = Load(path);
        key.Created = true;
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

    // False when another start won the race (silos of one process starting at once must agree on one key).
    // The key file itself is opened with CreateNew (O_CREAT | O_EXCL): exactly one of several silos starting at once wins.
    // File.Move(overwrite: false) is not that guarantee on Linux (measured: two concurrent creators both "won").
    private static bool TryCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        byte[]? pem = null;
        try
        {
            using (var key = Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextArchiving }))
                pem = key.Export(KeyBlobFormat.PkixPrivateKeyText);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
            FileStream stream;
            try
            {
                stream = new FileStream(path, options);
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
            using (stream)
            {
                stream.Write(pem);
                stream.Flush(flushToDisk: true);
            }
            return true;
        }
        finally
        {
            if (pem is not null) CryptographicOperations.ZeroMemory(pem);
        }
    }

    /// <summary>Loads a key file another start may still be writing: a file that does not parse yet is retried for up to a second.</summary>
    private static NodeKey LoadWrittenByAnother(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return Load(path);
            }
            catch (NodeKeyException) when (attempt < 40)
            {
                Thread.Sleep(25);
            }
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}
