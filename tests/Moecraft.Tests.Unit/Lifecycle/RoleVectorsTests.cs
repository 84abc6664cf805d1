using Moecraft.Lifecycle;

namespace Moecraft.Tests.Lifecycle;

public sealed class RoleVectorsTests
{
    [Fact]
    public void The_first_mean_output_initialises_the_normalised_role()
    {
        var role = new double[2];
        RoleVectors.Observe(role, [3.0, 4.0], alpha: 0.5);

        Assert.Equal([0.6, 0.8], role);
    }

    [Fact]
    public void Later_outputs_move_the_role_by_an_ema_step()
    {
        // r = (1, 0), unit of (0, 5) = (0, 1), alpha 0.5 -> (0.5, 0.5).
        double[] role = [1.0, 0.0];
        RoleVectors.Observe(role, [0.0, 5.0], alpha: 0.5);

        Assert.Equal([0.5, 0.5], role);
    }

    [Fact]
    public void Redundancy_ramps_from_cosine_point_eight_to_one()
    {
        // r0 = (1, 0), r1 = (0.9, sqrt 0.19): cos 0.9 -> (0.9 - 0.8) / 0.2 = 0.5; r2 = (0, 1) is below 0.8 with both.
        double[] roles = [1, 0, 0.9, Math.Sqrt(0.19), 0, 1];

        Assert.Equal(0.5, RoleVectors.Redundancy(roles, 2, [true, true, true]), 1e-9);
        Assert.Equal(0.0, RoleVectors.Redundancy(roles, 2, [true, false, true]));
        Assert.Equal(1.0, RoleVectors.Redundancy([1, 1, 2, 2], 2, [true, true]), 1e-9);
        Assert.Equal(0.0, RoleVectors.Redundancy([1, 0], 2, [true]));
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => RoleVectors.Observe(new double[2], [1.0], 0.5));
        Assert.Throws<ArgumentException>(() => RoleVectors.Observe(new double[2], [1.0, double.NaN], 0.5));
        Assert.Throws<ArgumentException>(() => RoleVectors.Redundancy([1, 0, 0], 2, [true, true]));
    }
}
