using Moecraft.Torch.Training;

namespace Moecraft.Tests.Moe;

public sealed class WarmupCosineScheduleTests
{
    [Fact]
    public void Warms_up_linearly_then_decays_to_the_floor()
    {
        var schedule = new WarmupCosineSchedule(Peak: 1e-3, Floor: 1e-4, WarmupSteps: 100, TotalSteps: 2000);

        Assert.Equal(1e-5, schedule.At(0), 12);
        Assert.Equal(1e-3, schedule.At(99), 12);
        Assert.Equal(1e-3, schedule.At(100), 12);
        Assert.Equal(5.5e-4, schedule.At(100 + 1899 / 2), 5);
        Assert.Equal(1e-4, schedule.At(1999), 12);
    }
}
