using Microsoft.Extensions.AI;
using Moecraft.Experts;
using Moecraft.Experts.Calls;
using Moecraft.Experts.Simulated;

namespace Moecraft.Tests.Experts;

/// <summary>A backend client shared by concurrent calls is never disposed under a running call.</summary>
public sealed class SharedChatClientTests
{
    [Fact]
    public void A_retired_client_is_disposed_only_when_its_last_call_has_ended()
    {
        var inner = new DisposeCountingClient();
        var shared = new SharedChatClient(inner);
        shared.Acquire();
        shared.Acquire();

        shared.Retire();
        Assert.Equal(0, inner.Disposals);
        shared.Release();
        Assert.Equal(0, inner.Disposals);
        shared.Release();

        Assert.Equal(1, inner.Disposals);
        Assert.True(shared.IsDisposed);
        Assert.Throws<ObjectDisposedException>(shared.Acquire);
    }

    [Fact]
    public void An_idle_client_is_disposed_when_retired_and_only_once()
    {
        var inner = new DisposeCountingClient();
        var shared = new SharedChatClient(inner);

        shared.Retire();
        shared.Retire();

        Assert.Equal(1, inner.Disposals);
    }

    [Fact]
    public void A_client_in_use_that_is_never_retired_stays_undisposed()
    {
        var inner = new DisposeCountingClient();
        var shared = new SharedChatClient(inner);
        shared.Acquire();
        shared.Release();

        Assert.Equal(0, inner.Disposals);
        Assert.Throws<InvalidOperationException>(shared.Release);
    }

    private sealed class DisposeCountingClient : DelegatingChatClient
    {
        public DisposeCountingClient()
            : base(new SimulatedChatClient("sim", SimulationSettings.Default))
        {
        }

        public int Disposals { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposals++;
            base.Dispose(disposing);
        }
    }
}
