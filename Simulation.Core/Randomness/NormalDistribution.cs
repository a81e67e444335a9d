using System.Globalization;

namespace Simulation.Core.Randomness;

/// <summary>The normal distribution; made by <see cref="Distribution.Normal"/>.</summary>
public sealed record NormalDistribution : Distribution
{
    internal NormalDistribution(double mean, double sd)
    {
        RequireFinite("normal", nameof(mean), mean);
        RequireNonNegative("normal", nameof(sd), sd);
        Mean = mean;
        StandardDeviation = sd;
    }

    /// <inheritdoc/>
    public override double Mean { get; }

    /// <summary>The standard deviation (<c>sd</c> in scenario files).</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc/>
    public override double Variance => StandardDeviation * StandardDeviation;

    /// <summary>The scenario-file form, e.g. <c>{dist: normal, mean: 10, sd: 2}</c>.</summary>
    /// <returns>The text, with invariant culture.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{{dist: normal, mean: {Mean}, sd: {StandardDeviation}}}");

    private protected override double SampleCore(Random rng) =>
        MathNet.Numerics.Distributions.Normal.Sample(rng, Mean, StandardDeviation);
}
