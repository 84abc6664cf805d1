using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moecraft.Torch.Training;

/// <summary>
/// AdamW with decoupled weight decay, step for step the arithmetic of TorchSharp's <c>optim.AdamW</c> (no amsgrad, no
/// maximize), which it replaces for one reason: TorchSharp's step passes its hyper-parameters as implicit Scalars, which
/// become unreachable once their handle is read, so a garbage collection during the native call can finalize one while
/// libtorch still reads it ("Expected false to be true" from <c>Scalar::toFloat</c> under load). Here every Scalar is a
/// local that lives until the step ends. AdamWOptimizerTests checks both give the same parameters.
/// </summary>
public sealed class AdamWOptimizer : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _average;
    private readonly Tensor[] _averageOfSquares;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _weightDecay;
    private readonly double _epsilon;
    private long _steps;

    public AdamWOptimizer(IEnumerable<Parameter> parameters, double learningRate, double beta1, double beta2, double weightDecay, double epsilon = 1e-8)
    {
        _parameters = [.. parameters];
        _average = [.. _parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        _averageOfSquares = [.. _parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        LearningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _weightDecay = weightDecay;
        _epsilon = epsilon;
    }

    public double LearningRate { get; set; }

    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
        {
            using var grad = parameter.grad;
            grad?.zero_();
        }
    }

    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        _steps++;
        var correction1 = 1 - Math.Pow(_beta1, _steps);
        var correction2 = 1 - Math.Pow(_beta2, _steps);
        using var decay = (1 - LearningRate * _weightDecay).ToScalar();
        using var beta1 = _beta1.ToScalar();
        using var rest1 = (1 - _beta1).ToScalar();
        using var beta2 = _beta2.ToScalar();
        using var rest2 = (1 - _beta2).ToScalar();
        using var rootOfCorrection2 = Math.Sqrt(correction2).ToScalar();
        using var epsilon = _epsilon.ToScalar();
        using var stepSize = (-(LearningRate / correction1)).ToScalar();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var parameter = _parameters[i];
            var grad = parameter.grad;
            if (grad is null) continue;
            parameter.mul_(decay);
            _average[i].mul_(beta1).add_(grad, rest1);
            _averageOfSquares[i].mul_(beta2).addcmul_(grad, grad, rest2);
            var denominator = _averageOfSquares[i].sqrt().div_(rootOfCorrection2).add_(epsilon);
            parameter.addcdiv_(_average[i], denominator, stepSize);
        }
    }

    public void Dispose()
    {
        foreach (var tensor in _average.Concat(_averageOfSquares)) tensor.Dispose();
    }
}
