using Moecraft.Torch.CharModel;
using static TorchSharp.torch;

namespace Moecraft.Tests.Moe;

public sealed class CharMoeModelTests
{
    [Fact]
    public void T0_has_the_bench_parameter_counts()
    {
        using var model = new CharMoeModel(CharModelConfig.T0);

        // Embeddings 8,320 + 8,192; per block LN 256 + attention 66,048 + LN 256 + router 1,032 + 8 experts x 65,920;
        // final LN 256; head 8,385. Active: 2 of 8 experts per layer.
        Assert.Equal(new ParameterCount(1_215_057, 424_017), model.CountParameters());
        Assert.Equal(2, model.MoeLayers.Count);
    }

    [Fact]
    public void Dense_baseline_has_one_4d_feed_forward_per_block()
    {
        using var model = new CharMoeModel(CharModelConfig.T0Dense);

        Assert.Equal(new ParameterCount(421_697, 421_697), model.CountParameters());
        Assert.Empty(model.MoeLayers);
    }

    [Fact]
    public void Forward_gives_logits_and_each_layer_routing()
    {
        using var model = new CharMoeModel(CharModelConfig.T0);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var tokens = randint(0, 65, [2, 64], dtype: ScalarType.Int64);

        var logits = model.forward(tokens);

        Assert.Equal([2L, 64, 65], logits.shape);
        Assert.All(model.MoeLayers, layer => Assert.Equal(2 * 64 * 2, layer.LastRouting!.Counts.Sum()));
        Assert.All(model.MoeLayers, layer => Assert.Equal([128L, 128], layer.LastRouting!.Input.shape));
    }

    [Fact]
    public void Attention_is_causal()
    {
        using var model = new CharMoeModel(CharModelConfig.T0Dense);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var tokens = randint(0, 65, [1, 16], dtype: ScalarType.Int64);
        var changedTail = tokens.clone();
        changedTail[0, 15] = tensor(((tokens[0, 15].item<long>() + 1) % 65));

        var before = model.forward(tokens).narrow(1, 0, 15);
        var after = model.forward(changedTail).narrow(1, 0, 15);

        Assert.True(before.sub(after).abs().max().item<float>() < 1e-6f);
    }
}
