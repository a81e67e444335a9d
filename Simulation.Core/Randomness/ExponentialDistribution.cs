using System.Globalization;

namespace Simulation.Core.Randomness;

/// <summary>
/// The exponential distribution, parameterised by its mean rather than its rate because scenario
/// authors think in days between events; made by <see cref="Distribution.Exponential"/>.
/// </summary>
public sealed record ExponentialDistribution : Distribution
{
    internal ExponentialDistribution(double mean)
    {
        RequirePositive("exponential", nameof(mean), mean);
        Mean = mean;
    }

    /// <inheritdoc/>
    public override double Mean { get; }

    /// <inheritdoc/>
    public override double Variance => Mean * Mean;

    /// <summary>The scenario-file form, e.g. <c>{dist: exponential, mean: 3}</c>.</summary>
    /// <returns>The text, with invariant culture.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{{dist: exponential, mean: {Mean}}}");

    private protected override double SampleCore(Random rng) =>
        MathNet.Numerics.Distributions.Exponential.Sample(rng, 1 / Mean);
}
