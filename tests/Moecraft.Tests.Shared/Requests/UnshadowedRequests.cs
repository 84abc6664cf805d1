using Moecraft.Routing;

namespace Moecraft.Tests.Requests;

/// <summary>
/// Request ids outside the shadow sample (SPEC 3.7): a sampled request also goes to a second expert off the request path,
/// and that expert's answer reaches the router as a trace at a moment of its own, which a test that drives the router's
/// traces or counts an expert's calls must not meet.
/// </summary>
internal static class UnshadowedRequests
{
    public static string NewId()
    {
        while (true)
        {
            var id = Guid.NewGuid().ToString("n");
            if (!ChatRouterGrain.IsShadowed(id)) return id;
        }
    }
}
