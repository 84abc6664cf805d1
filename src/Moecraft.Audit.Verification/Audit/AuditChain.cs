using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Moecraft.Canonical;

namespace Moecraft.Audit.Verification;

/// <summary>
/// The audit chain's bytes (SPEC 5.4): <c>hash_i = SHA-256(canonical(entry_i without hash))</c> with entry_i holding
/// seq, ts, kind, actor, payload and prev = hash_(i-1); checkpoints sign the canonical (log, size, head, ts, node).
/// Every object carries a <c>type</c> field, so an entry's bytes can never pass for a checkpoint's (domain separation).
/// The silo that writes the log and the verifier that checks it both use this class.
/// </summary>
public static class AuditChain
{
    public const string EntryType = "moecraft.audit.v1";

    public const string CheckpointType = "moecraft.audit.checkpoint.v1";

    /// <summary>
    /// The type of the seal an export file ends with: signed when the export is written, over the head it exports. Its
    /// own type, so a file cut just after a periodic checkpoint can never pass for a whole export.
    /// </summary>
    public const string SealType = "moecraft.audit.export.v1";

    public const int MaxKindLength = 128;

    public const int MaxActorLength = 256;

    public const int MaxPayloadBytes = 64 * 1024;

    public const int MaxLogIdLength = 128;

    /// <summary>The <c>prev</c> of entry 1 and the head of an empty log.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="logId"/> is 1-128 of <c>[A-Za-z0-9._:-]</c>.</summary>
    public static void ValidateLogId(string? logId)
    {
        if (string.IsNullOrEmpty(logId) || logId.Length > MaxLogIdLength || !logId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-'))
            throw new ArgumentException($"An audit log id is 1 to {MaxLogIdLength} characters of letters, digits, '.', '_', ':' and '-'; got '{logId}'.");
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless kind, actor and payload can go into the log as they are.</summary>
    public static void ValidateRecord(string? kind, string? actor, string? payload)
    {
        if (string.IsNullOrEmpty(kind) || kind.Length > MaxKindLength || !kind.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            throw new ArgumentException($"An audit kind is 1 to {MaxKindLength} characters of letters, digits, '.', '_' and '-'; got '{kind}'.");
        if (string.IsNullOrWhiteSpace(actor) || actor.Length > MaxActorLength || actor.Any(char.IsControl))
            throw new ArgumentException($"An audit actor is 1 to {MaxActorLength} characters with no control characters.");
        if (string.IsNullOrEmpty(payload)) throw new ArgumentException("An audit payload is a canonical JSON object; got nothing.");
        byte[] bytes;
        JsonElement parsed;
        try
        {
            bytes = CanonicalJson.Encode(payload);
            parsed = CanonicalJson.Parse(bytes);
        }
        catch (CanonicalJsonException ex)
        {
            // No inner exception: this crosses grain calls, and the message says it all.
            throw new ArgumentException($"An audit payload must be canonical JSON: {ex.Message}");
        }
        if (parsed.ValueKind != JsonValueKind.Object) throw new ArgumentException($"An audit payload is a JSON object; got a {parsed.ValueKind}.");
        if (bytes.Length > MaxPayloadBytes) throw new ArgumentException($"An audit payload is at most {MaxPayloadBytes} bytes; got {bytes.Length}.");
    }

    /// <summary>The canonical bytes an entry's hash covers (everything but the hash).</summary>
    public static byte[] EntryBody(long sequence, long timestamp, string kind, string actor, string payload, string previousHash) =>
        CanonicalJson.Serialize(EntryObject(sequence, timestamp, kind, actor, payload, previousHash));

    /// <summary>Lower-case hex SHA-256 of <see cref="EntryBody"/>.</summary>
    public static string HashEntry(long sequence, long timestamp, string kind, string actor, string payload, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(EntryBody(sequence, timestamp, kind, actor, payload, previousHash)));

    /// <summary>A new entry with its hash computed; validates the record first.</summary>
    /// <exception cref="ArgumentException">Bad kind, actor or payload.</exception>
    public static ChainEntry CreateEntry(long sequence, long timestamp, string kind, string actor, string payload, string previousHash)
    {
        ValidateRecord(kind, actor, payload);
        return new ChainEntry(sequence, timestamp, kind, actor, payload, previousHash, HashEntry(sequence, timestamp, kind, actor, payload, previousHash));
    }

    /// <summary>True when <paramref name="entry"/>'s hash is the hash of its own content.</summary>
    public static bool HasValidHash(ChainEntry entry)
    {
        try
        {
            return entry.Hash == HashEntry(entry.Sequence, entry.Timestamp, entry.Kind, entry.Actor, entry.Payload, entry.PreviousHash);
        }
        catch (Exception ex) when (ex is CanonicalJsonException or JsonException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The canonical bytes a checkpoint's signature covers (everything but the signature).</summary>
    public static byte[] CheckpointBody(string logId, long size, string headHash, long timestamp, string nodeId) =>
        SignedBody(CheckpointType, logId, size, headHash, timestamp, nodeId);

    /// <summary>The canonical bytes an export seal's signature covers: a checkpoint's fields under <see cref="SealType"/>.</summary>
    public static byte[] SealBody(string logId, long size, string headHash, long timestamp, string nodeId) =>
        SignedBody(SealType, logId, size, headHash, timestamp, nodeId);

    /// <summary>The canonical bytes the signature of a checkpoint-shaped object of <paramref name="type"/> covers.</summary>
    internal static byte[] SignedBody(string type, string logId, long size, string headHash, long timestamp, string nodeId) =>
        CanonicalJson.Serialize(new JsonObject
        {
            ["type"] = type,
            ["log"] = logId,
            ["size"] = size,
            ["head"] = headHash,
            ["ts"] = timestamp,
            ["node"] = nodeId,
        });

    /// <summary>Unpadded base64url, the form signatures take in checkpoints.</summary>
    public static string EncodeSignature(ReadOnlySpan<byte> signature) => Base64Url.EncodeToString(signature);

    /// <summary>One line of an export file (canonical JSON, no newline) for an entry.</summary>
    public static string EntryLine(ChainEntry entry)
    {
        var line = EntryObject(entry.Sequence, entry.Timestamp, entry.Kind, entry.Actor, entry.Payload, entry.PreviousHash);
        line["hash"] = entry.Hash;
        return System.Text.Encoding.UTF8.GetString(CanonicalJson.Serialize(line));
    }

    /// <summary>One line of an export file (canonical JSON, no newline) for a checkpoint.</summary>
    public static string CheckpointLine(ChainCheckpoint checkpoint) => SignedLine(CheckpointType, checkpoint);

    /// <summary>The last line of an export file (canonical JSON, no newline): its seal.</summary>
    public static string SealLine(ChainCheckpoint seal) => SignedLine(SealType, seal);

    /// <summary>A signed checkpoint as a JSON object (export lines, heartbeats): its fields and its signature.</summary>
    public static JsonObject CheckpointObject(string logId, long size, string headHash, long timestamp, string nodeId, string signature) =>
        SignedObject(CheckpointType, logId, size, headHash, timestamp, nodeId, signature);

    private static string SignedLine(string type, ChainCheckpoint signed) =>
        System.Text.Encoding.UTF8.GetString(CanonicalJson.Serialize(SignedObject(
            type, signed.LogId, signed.Size, signed.HeadHash, signed.Timestamp, signed.NodeId, signed.Signature)));

    private static JsonObject SignedObject(string type, string logId, long size, string headHash, long timestamp, string nodeId, string signature) => new()
    {
        ["type"] = type,
        ["log"] = logId,
        ["size"] = size,
        ["head"] = headHash,
        ["ts"] = timestamp,
        ["node"] = nodeId,
        ["signature"] = signature,
    };

    private static JsonObject EntryObject(long sequence, long timestamp, string kind, string actor, string payload, string previousHash) => new()
    {
        ["type"] = EntryType,
        ["seq"] = sequence,
        ["ts"] = timestamp,
        ["kind"] = kind,
        ["actor"] = actor,
        ["payload"] = JsonNode.Parse(payload),
        ["prev"] = previousHash,
    };
}
