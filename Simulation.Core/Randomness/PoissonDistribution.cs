using System.Globalization;

namespace Simulation.Core.Randomness;

/// <summary>
/// The Poisson distribution of counts, e.g. orders or incidents per period; made by
/// <see cref="Distribution.Poisson"/>. Draws are whole numbers returned as doubles.
/// </summary>
public sealed record PoissonDistribution : Distribution
{
    internal PoissonDistribution(double mean)
    {
        RequirePositive("poisson", nameof(mean), mean);
        Mean = mean;
    }

    /// <inheritdoc/>
    public override double Mean { get; }

    /// <inheritdoc/>
    public override double Variance => Mean;

    /// <summary>The scenario-file form, e.g. <c>{dist: poisson, mean: 4}</c>.</summary>
    /// <returns>The text, with invariant culture.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{{dist: poisson, mean: {Mean}}}");

    private protected override double SampleCore(Random rng) =>
        MathNet.Numerics.Distributions.Poisson.Sample(rng, Mean);
}
