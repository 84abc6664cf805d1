using Microsoft.Extensions.AI;

namespace Moecraft.Experts.Http;

/// <summary>A chat client that also disposes a resource its inner client uses but does not own (its HTTP client).</summary>
public sealed class OwningChatClient(IChatClient innerClient, IDisposable owned) : DelegatingChatClient(innerClient)
{
    protected override void Dispose(bool disposing)
    {
        if (disposing) owned.Dispose();
        base.Dispose(disposing);
    }
}
