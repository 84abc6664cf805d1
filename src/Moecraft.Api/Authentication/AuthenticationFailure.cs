using Microsoft.AspNetCore.Http;

namespace Moecraft.Api.Authentication;

/// <summary>Why the current request failed to authenticate, kept for the challenge that answers it (401, 429, 503).</summary>
internal static class AuthenticationFailure
{
    private static readonly object Key = new();

    public const string Missing = "This endpoint needs a credential: send 'Authorization: Bearer <API key>'.";

    public const string Invalid = "The credential presented is not valid.";

    public static ApiFailure Of(HttpContext context) =>
        context.Items.TryGetValue(Key, out var value) && value is ApiFailure failure ? failure : ApiFailure.Unauthorized(Missing);

    public static void Set(HttpContext context, ApiFailure failure) => context.Items[Key] = failure;
}
