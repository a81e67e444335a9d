using System.Globalization;

namespace Simulation.Core.Randomness;

/// <summary>
/// An immutable, validated univariate distribution, as scenario files name them:
/// <c>{dist: normal|lognormal|triangular|uniform|exponential|gamma|poisson|constant, ...}</c>
/// (DESIGN.md section 4).
/// </summary>
/// <remarks>
/// <para>
/// Instances are made only by the static factories here, which validate their parameters once, so
/// that the engine can sample without checking them again. Sampling is done by MathNet.Numerics,
/// driven by the <see cref="Random"/> passed in, normally a <see cref="RandomStream"/>.
/// </para>
/// <para>
/// Being records, distributions compare by value, which lets tests compare a parsed scenario with
/// the expected one. <see cref="object.ToString"/> gives the scenario-file form with invariant
/// culture, e.g. <c>{dist: normal, mean: 10, sd: 2}</c>.
/// </para>
/// </remarks>
public abstract record Distribution
{
    private protected Distribution()
    {
    }

    /// <summary>The mean of the distribution, in closed form.</summary>
    public abstract double Mean { get; }

    /// <summary>The variance of the distribution, in closed form.</summary>
    public abstract double Variance { get; }

    /// <summary>The normal distribution.</summary>
    /// <param name="mean">The mean; finite.</param>
    /// <param name="sd">The standard deviation; finite and &gt;= 0.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public static NormalDistribution Normal(double mean, double sd) => new(mean, sd);

    /// <summary>The lognormal distribution: exp of a normal variable with mean mu and standard deviation sigma.</summary>
    /// <param name="mu">The mean of the logarithm; finite.</param>
    /// <param name="sigma">The standard deviation of the logarithm; finite and &gt;= 0.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public static LognormalDistribution Lognormal(double mu, double sigma) => new(mu, sigma);

    /// <summary>
    /// The lognormal distribution whose variable itself has the given mean and standard deviation,
    /// which is how lead times and delays are usually known. Solves
    /// sigma^2 = ln(1 + sd^2 / mean^2) and mu = ln(mean) - sigma^2 / 2.
    /// </summary>
    /// <param name="mean">The mean of the variable; finite and &gt; 0.</param>
    /// <param name="sd">The standard deviation of the variable; finite and &gt;= 0.</param>
    /// <returns>The distribution, described by its mu and sigma.</returns>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public static LognormalDistribution LognormalFromMeanAndSd(double mean, double sd)
    {
        RequirePositive("lognormal", nameof(mean), mean);
        RequireNonNegative("lognormal", nameof(sd), sd);
        double cv = sd / mean;
        double sigmaSquared = Math.Log(1 + (cv * cv));
        return new(Math.Log(mean) - (sigmaSquared / 2), Math.Sqrt(sigmaSquared));
    }

    /// <summary>The triangular distribution on [min, max] with its peak at mode.</summary>
    /// <param name="min">The lower bound; finite and &lt; max.</param>
    /// <param name="mode">The most likely value; in [min, max].</param>
    /// <param name="max">The upper bound; finite.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public static TriangularDistribution Triangular(double min, double mode, double max) => new(min, mode, max);

    /// <summary>The continuous uniform distribution on [min, max).</summary>
    /// <param name="min">The lower bound; finite and &lt; max.</param>
    /// <param name="max">The upper bound; finite.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public static UniformDistribution Uniform(double min, double max) => new(min, max);

    /// <summary>The exponential distribution with the given mean (1 / rate).</summary>
    /// <param name="mean">The mean; finite and &gt; 0.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentException">The mean is out of range.</exception>
    public static ExponentialDistribution Exponential(double mean) => new(mean);

    /// <summary>The gamma distribution with the given shape and scale (mean = shape * scale).</summary>
    /// <param name="shape">The shape k; finite and &gt; 0.</param>
    /// <param name="scale">The scale theta; finite and &gt; 0.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public static GammaDistribution Gamma(double shape, double scale) => new(shape, scale);

    /// <summary>The Poisson distribution of counts with the given mean.</summary>
    /// <param name="mean">The mean lambda; finite and &gt; 0.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentException">The mean is out of range.</exception>
    public static PoissonDistribution Poisson(double mean) => new(mean);

    /// <summary>A fixed value, so any stochastic input can be switched off in a scenario.</summary>
    /// <param name="value">The value; finite.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentException">The value is not finite.</exception>
    public static ConstantDistribution Constant(double value) => new(value);

    /// <summary>Draws one value.</summary>
    /// <remarks>
    /// How many numbers are taken from <paramref name="rng"/> depends on the kind (a constant takes
    /// none), which is one reason each purpose gets its own stream.
    /// </remarks>
    /// <param name="rng">The stream to draw from, normally a <see cref="RandomStream"/>.</param>
    /// <returns>The draw.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rng"/> is null.</exception>
    public double Sample(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return SampleCore(rng);
    }

    /// <summary>Draws one value from a stream that is known not to be null.</summary>
    private protected abstract double SampleCore(Random rng);

    /// <summary>Throws unless <paramref name="value"/> is finite.</summary>
    private protected static void RequireFinite(string dist, string parameter, double value)
    {
        if (!double.IsFinite(value))
        {
            throw Invalid(dist, parameter, "finite", value);
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and &gt;= 0.</summary>
    private protected static void RequireNonNegative(string dist, string parameter, double value)
    {
        RequireFinite(dist, parameter, value);
        if (value < 0)
        {
            throw Invalid(dist, parameter, ">= 0", value);
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and &gt; 0.</summary>
    private protected static void RequirePositive(string dist, string parameter, double value)
    {
        RequireFinite(dist, parameter, value);
        if (value <= 0)
        {
            throw Invalid(dist, parameter, "> 0", value);
        }
    }

    /// <summary>Throws unless min &lt; max, both already known to be finite.</summary>
    private protected static void RequireOrdered(string dist, double min, double max)
    {
        if (min >= max)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{dist}: min must be < max, got min {min} and max {max} (use constant for a fixed value)"),
                nameof(min));
        }
    }

    /// <summary>Builds the one message format of a parameter error: "normal: sd must be &gt;= 0, got -1".</summary>
    private protected static ArgumentException Invalid(string dist, string parameter, string expectation, double value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{dist}: {parameter} must be {expectation}, got {value}"), parameter);
}
