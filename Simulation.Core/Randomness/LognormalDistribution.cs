using System.Globalization;

namespace Simulation.Core.Randomness;

/// <summary>
/// The lognormal distribution, described by the mean and standard deviation of its logarithm;
/// made by <see cref="Distribution.Lognormal"/> or <see cref="Distribution.LognormalFromMeanAndSd"/>.
/// </summary>
public sealed record LognormalDistribution : Distribution
{
    internal LognormalDistribution(double mu, double sigma)
    {
        RequireFinite("lognormal", nameof(mu), mu);
        RequireNonNegative("lognormal", nameof(sigma), sigma);
        Mu = mu;
        Sigma = sigma;
    }

    /// <summary>The mean of the logarithm of the variable.</summary>
    public double Mu { get; }

    /// <summary>The standard deviation of the logarithm of the variable.</summary>
    public double Sigma { get; }

    /// <inheritdoc/>
    /// <remarks>exp(mu + sigma^2 / 2).</remarks>
    public override double Mean => Math.Exp(Mu + (Sigma * Sigma / 2));

    /// <inheritdoc/>
    /// <remarks>(exp(sigma^2) - 1) * exp(2 mu + sigma^2).</remarks>
    public override double Variance => (Math.Exp(Sigma * Sigma) - 1) * Math.Exp((2 * Mu) + (Sigma * Sigma));

    /// <summary>The scenario-file form, e.g. <c>{dist: lognormal, mu: 0, sigma: 0.5}</c>.</summary>
    /// <returns>The text, with invariant culture.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{{dist: lognormal, mu: {Mu}, sigma: {Sigma}}}");

    private protected override double SampleCore(Random rng) =>
        MathNet.Numerics.Distributions.LogNormal.Sample(rng, Mu, Sigma);
}
