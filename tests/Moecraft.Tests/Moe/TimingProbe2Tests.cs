using System.Diagnostics;
using Moecraft.Torch.Moe;
using static TorchSharp.torch;

namespace Moecraft.Tests.Moe;

public sealed class TimingProbe2Tests
{
    [Fact]
    public void Probe2()
    {
        set_num_threads(1);
        var lines = new List<string>();
        using var layer = new MoeFeedForward(128, 8, 2);
        using var scope = NewDisposeScope();
        var x = randn(1024, 128, requires_grad: true);
        var y = layer.forward(x);
        var r = layer.LastRouting!;
        var reducer = new MoeTraceReducer(1);
        void Time(string name, Action a)
        {
            for (var i = 0; i < 20; i++) a();
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 200; i++) a();
            lines.Add($"{name}: {sw.Elapsed.TotalMilliseconds / 200 * 1000:F1} us");
        }
        Time("reduce", () => reducer.Reduce(r));
        var slotExperts = tensor(r.Plan.SlotExperts);
        using (no_grad())
        {
            Time("index_select mix", () => { using var s = NewDisposeScope(); r.Mixture.detach().index_select(0, r.SlotTokens); });
            var outs = r.ExpertOutputs.detach();
            Time("index_add", () => { using var s = NewDisposeScope(); zeros(8, 128).index_add_(0, slotExperts, outs, 1.0); });
            Time("onehot matmul", () => { using var s = NewDisposeScope(); nn.functional.one_hot(slotExperts, 8).to(ScalarType.Float32).t().matmul(outs); });
            Time("mul gates", () => { using var s = NewDisposeScope(); outs.mul(r.SlotGates.detach().unsqueeze(1)); });
            var perm = Enumerable.Range(0, 1024).ToArray();
            Time("shuffle", () => new Random(1).Shuffle(perm));
            Time("tensor slots", () => { using var s = NewDisposeScope(); tensor(r.Plan.SlotExperts); });
            Time("zeros", () => { using var s = NewDisposeScope(); zeros(8, 128); });
            Time("detach", () => { using var s = NewDisposeScope(); r.ExpertOutputs.detach(); });
            Time("scope+nograd", () => { using var s = NewDisposeScope(); using var g = no_grad(); });
            Time("sub", () => { using var s = NewDisposeScope(); outs.sub(outs); });
            Time("std", () => { using var s = NewDisposeScope(); r.CleanLogits.detach().std(1, unbiased: false).mean().item<float>(); });
            Time("data", () => { using var s = NewDisposeScope(); zeros(8, 128).data<float>().ToArray(); });
            Time("inputs", () => { using var s = NewDisposeScope(); r.Input.detach().index_select(0, tensor(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 })).data<float>().ToArray(); });
        }
        File.WriteAllLines("/tmp/moe-timing2.txt", lines);
    }
}
