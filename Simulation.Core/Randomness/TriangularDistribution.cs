using System.Globalization;

namespace Simulation.Core.Randomness;

/// <summary>
/// The triangular distribution, the usual choice when only a minimum, a most likely value and a
/// maximum are known; made by <see cref="Distribution.Triangular"/>.
/// </summary>
public sealed record TriangularDistribution : Distribution
{
    internal TriangularDistribution(double min, double mode, double max)
    {
        RequireFinite("triangular", nameof(min), min);
        RequireFinite("triangular", nameof(mode), mode);
        RequireFinite("triangular", nameof(max), max);
        RequireOrdered("triangular", min, max);
        if (mode < min || mode > max)
        {
            throw Invalid("triangular", nameof(mode), string.Create(CultureInfo.InvariantCulture, $"in [min, max] = [{min}, {max}]"), mode);
        }

        Min = min;
        Mode = mode;
        Max = max;
    }

    /// <summary>The lower bound.</summary>
    public double Min { get; }

    /// <summary>The most likely value.</summary>
    public double Mode { get; }

    /// <summary>The upper bound.</summary>
    public double Max { get; }

    /// <inheritdoc/>
    /// <remarks>(min + mode + max) / 3.</remarks>
    public override double Mean => (Min + Mode + Max) / 3;

    /// <inheritdoc/>
    /// <remarks>(a^2 + b^2 + c^2 - ab - ac - bc) / 18.</remarks>
    public override double Variance =>
        ((Min * Min) + (Mode * Mode) + (Max * Max) - (Min * Mode) - (Min * Max) - (Mode * Max)) / 18;

    /// <summary>The scenario-file form, e.g. <c>{dist: triangular, min: 1, mode: 2, max: 5}</c>.</summary>
    /// <returns>The text, with invariant culture.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{{dist: triangular, min: {Min}, mode: {Mode}, max: {Max}}}");

    private protected override double SampleCore(Random rng) =>
        MathNet.Numerics.Distributions.Triangular.Sample(rng, Min, Max, Mode);
}
