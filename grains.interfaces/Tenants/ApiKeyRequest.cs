namespace Moecraft.Tenants;

/// <summary>What an operator asks for when issuing a key; the cluster generates the key itself.</summary>
/// <param name="Name">What the operator calls the key: 1-64 characters, no control characters.</param>
/// <param name="RequestsPerMinute">Requests per minute, 1 to 1,000,000.</param>
/// <param name="TokensPerMinute">Model tokens per minute, 1 to 1,000,000,000; null: no token limit.</param>
/// <param name="Admin">True for an operator's key: it authenticates with the admin role.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ApiKeyRequest")]
public sealed record ApiKeyRequest([property: Id(0)] string Name, [property: Id(1)] int RequestsPerMinute = ApiKeyRequest.DefaultRequestsPerMinute, [property: Id(2)] int? TokensPerMinute = null, [property: Id(3)] bool Admin = false)
{
    /// <summary>The request limit of a key when the operator names none.</summary>
    public const int DefaultRequestsPerMinute = 60;
}
