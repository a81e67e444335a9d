using System.Globalization;

namespace Simulation.Core.Randomness;

/// <summary>The gamma distribution with shape and scale; made by <see cref="Distribution.Gamma"/>.</summary>
public sealed record GammaDistribution : Distribution
{
    internal GammaDistribution(double shape, double scale)
    {
        RequirePositive("gamma", nameof(shape), shape);
        RequirePositive("gamma", nameof(scale), scale);
        Shape = shape;
        Scale = scale;
    }

    /// <summary>The shape k.</summary>
    public double Shape { get; }

    /// <summary>The scale theta (the reciprocal of the rate).</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public override double Mean => Shape * Scale;

    /// <inheritdoc/>
    public override double Variance => Shape * Scale * Scale;

    /// <summary>The scenario-file form, e.g. <c>{dist: gamma, shape: 2, scale: 1.5}</c>.</summary>
    /// <returns>The text, with invariant culture.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{{dist: gamma, shape: {Shape}, scale: {Scale}}}");

    // MathNet takes the rate, the reciprocal of the scale.
    private protected override double SampleCore(Random rng) =>
        MathNet.Numerics.Distributions.Gamma.Sample(rng, Shape, 1 / Scale);
}
