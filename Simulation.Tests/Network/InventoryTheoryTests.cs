using Simulation.Core.Randomness;
using Simulation.Core.Statistics;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Network;

public sealed class InventoryTheoryTests
{
    [Fact]
    public void PeriodicBaseStock_MatchesTheClosedFormFillRate()
    {
        // Review R = 1, lead time L = 3, daily demand normal(mu 100, sigma 20), backorders.
        // S = mu (R + L) + z sigma sqrt(R + L) with z = 1: 400 + 40 = 440.
        // Fill rate = 1 - sigma sqrt(R + L) G(z) / (mu R), G(1) = 0.0833155 (standard normal loss function):
        // 1 - 40 * 0.0833155 / 100 = 0.966674. (The exact expression subtracts E[(D_L - S)+] from the
        // expected shortage, about 1e-6 of a unit per day here.)
        const double mu = 100;
        const double sigma = 20;
        const double r = 1;
        const double l = 3;
        const double z = 1.0;
        const double lossAtZ = 0.0833155;
        double orderUpTo = (mu * (r + l)) + (z * sigma * Math.Sqrt(r + l));
        double theory = 1 - (sigma * Math.Sqrt(r + l) * lossAtZ / (mu * r));
        var definition = new NetworkBuilder(2100, warmupDays: 100)
            .Supplier("s1", leadTimeDays: l)
            .Buyer("b1", DailyDemand(Distribution.Normal(mu, sigma)), BaseStock(orderUpTo, reviewDays: r), initialStock: orderUpTo, [From("s1")])
            .Build();

        const int replications = 30;
        var fillRates = new double[replications];
        for (int i = 0; i < replications; i++)
        {
            fillRates[i] = Run(definition, i).Kpi("fill_rate");
        }

        var summary = Summary.Of(fillRates);
        var (low, high) = Summary.ConfidenceInterval(summary.Mean, summary.StandardDeviation, replications, 0.99);
        Assert.InRange(theory, low, high);
        Assert.InRange(summary.Mean, theory - 0.01, theory + 0.01);
    }
}
