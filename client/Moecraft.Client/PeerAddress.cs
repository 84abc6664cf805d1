namespace Moecraft.Client;

/// <summary>The client's check of a peer address before anything is sent (the node checks it fully): an absolute http or https URL.</summary>
public static class PeerAddress
{
    public static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
