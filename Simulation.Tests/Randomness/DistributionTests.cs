using System.Globalization;
using Simulation.Core.Randomness;
using MathNetDistributions = MathNet.Numerics.Distributions;

namespace Simulation.Tests.Randomness;

public sealed class DistributionTests
{
    private const int Draws = 200_000;

    // Two-sided 99.9% standard normal quantile.
    private const double Z999 = 3.2905;

    // The sample variance of 200,000 draws has a relative standard error of sqrt((kurtosis - 1) / n),
    // at most 0.7% for the distributions below (lognormal with sigma 0.5 has the heaviest tail), so
    // 3% is more than four standard errors.
    private const double VarianceRelativeTolerance = 0.03;

    public static TheoryData<string> Kinds => new() { "normal", "lognormal", "triangular", "uniform", "exponential", "gamma", "poisson" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Sample_200000Draws_MatchTheClosedFormMeanAndVariance(string kind)
    {
        Distribution distribution = Example(kind);
        var stream = new RandomStream(StableHash.Of(kind));
        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < Draws; i++)
        {
            double x = distribution.Sample(stream);
            sum += x;
            sumOfSquares += x * x;
        }

        double mean = sum / Draws;
        double variance = (sumOfSquares - (Draws * mean * mean)) / (Draws - 1);
        double halfWidth = Z999 * Math.Sqrt(distribution.Variance / Draws);

        Assert.InRange(mean, distribution.Mean - halfWidth, distribution.Mean + halfWidth);
        Assert.InRange(variance / distribution.Variance, 1 - VarianceRelativeTolerance, 1 + VarianceRelativeTolerance);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MeanAndVariance_AgreeWithMathNet(string kind)
    {
        Distribution distribution = Example(kind);
        (double mean, double variance) = kind switch
        {
            "normal" => (new MathNetDistributions.Normal(10, 2).Mean, new MathNetDistributions.Normal(10, 2).Variance),
            "lognormal" => (new MathNetDistributions.LogNormal(1, 0.5).Mean, new MathNetDistributions.LogNormal(1, 0.5).Variance),
            "triangular" => (new MathNetDistributions.Triangular(1, 7, 2).Mean, new MathNetDistributions.Triangular(1, 7, 2).Variance),
            "uniform" => (new MathNetDistributions.ContinuousUniform(-2, 6).Mean, new MathNetDistributions.ContinuousUniform(-2, 6).Variance),
            "exponential" => (new MathNetDistributions.Exponential(1 / 3.0).Mean, new MathNetDistributions.Exponential(1 / 3.0).Variance),
            "gamma" => (new MathNetDistributions.Gamma(2, 1 / 1.5).Mean, new MathNetDistributions.Gamma(2, 1 / 1.5).Variance),
            "poisson" => (new MathNetDistributions.Poisson(4).Mean, new MathNetDistributions.Poisson(4).Variance),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        Assert.Equal(mean, distribution.Mean, 1e-12);
        Assert.Equal(variance, distribution.Variance, 1e-12);
    }

    [Fact]
    public void Constant_AlwaysReturnsItsValueWithoutDrawing()
    {
        var stream = new RandomStream(1);
        var reference = new RandomStream(1);
        ConstantDistribution constant = Distribution.Constant(4.5);

        Assert.Equal(4.5, constant.Sample(stream));
        Assert.Equal(4.5, constant.Mean);
        Assert.Equal(0, constant.Variance);
        Assert.Equal(reference.NextDouble(), stream.NextDouble());
    }

    [Fact]
    public void LognormalFromMeanAndSd_HasThatMeanAndSd()
    {
        LognormalDistribution lognormal = Distribution.LognormalFromMeanAndSd(10, 2);

        Assert.Equal(10, lognormal.Mean, 1e-12);
        Assert.Equal(2, Math.Sqrt(lognormal.Variance), 1e-12);
        Assert.Equal(Math.Sqrt(Math.Log(1.04)), lognormal.Sigma, 1e-15);
    }

    [Fact]
    public void Sample_SameSeed_GivesTheSameDraws()
    {
        GammaDistribution gamma = Distribution.Gamma(0.7, 2);
        var a = new RandomStream(3);
        var b = new RandomStream(3);

        Assert.Equal(
            Enumerable.Range(0, 100).Select(_ => gamma.Sample(a)),
            Enumerable.Range(0, 100).Select(_ => gamma.Sample(b)));
    }

    [Fact]
    public void Sample_WithoutAStream_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Distribution.Normal(0, 1).Sample(null!));
    }

    [Theory]
    [InlineData("normal-sd", "sd", "normal: sd must be >= 0, got -1")]
    [InlineData("normal-mean", "mean", "normal: mean must be finite, got NaN")]
    [InlineData("lognormal-sigma", "sigma", "lognormal: sigma must be >= 0, got -0.5")]
    [InlineData("lognormal-mean", "mean", "lognormal: mean must be > 0, got 0")]
    [InlineData("triangular-order", "min", "triangular: min must be < max, got min 3 and max 1 (use constant for a fixed value)")]
    [InlineData("triangular-mode", "mode", "triangular: mode must be in [min, max] = [0, 3], got 5")]
    [InlineData("uniform-equal", "min", "uniform: min must be < max, got min 1 and max 1 (use constant for a fixed value)")]
    [InlineData("exponential-mean", "mean", "exponential: mean must be > 0, got 0")]
    [InlineData("gamma-shape", "shape", "gamma: shape must be > 0, got -1")]
    [InlineData("gamma-scale", "scale", "gamma: scale must be finite, got Infinity")]
    [InlineData("poisson-mean", "mean", "poisson: mean must be > 0, got -2")]
    [InlineData("constant-value", "value", "constant: value must be finite, got -Infinity")]
    public void Factories_WithInvalidParameters_ThrowWithAClearMessage(string @case, string parameter, string message)
    {
        Func<Distribution> create = @case switch
        {
            "normal-sd" => () => Distribution.Normal(0, -1),
            "normal-mean" => () => Distribution.Normal(double.NaN, 1),
            "lognormal-sigma" => () => Distribution.Lognormal(0, -0.5),
            "lognormal-mean" => () => Distribution.LognormalFromMeanAndSd(0, 1),
            "triangular-order" => () => Distribution.Triangular(3, 2, 1),
            "triangular-mode" => () => Distribution.Triangular(0, 5, 3),
            "uniform-equal" => () => Distribution.Uniform(1, 1),
            "exponential-mean" => () => Distribution.Exponential(0),
            "gamma-shape" => () => Distribution.Gamma(-1, 1),
            "gamma-scale" => () => Distribution.Gamma(1, double.PositiveInfinity),
            "poisson-mean" => () => Distribution.Poisson(-2),
            "constant-value" => () => Distribution.Constant(double.NegativeInfinity),
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };

        var exception = Assert.Throws<ArgumentException>(create);

        Assert.Equal(parameter, exception.ParamName);
        Assert.Equal($"{message} (Parameter '{parameter}')", exception.Message);
    }

    [Fact]
    public void ToString_GivesTheScenarioFormInInvariantCultureWhateverTheCurrentCulture()
    {
        CultureInfo original = CultureInfo.CurrentCulture;
        var commaDecimals = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commaDecimals.NumberFormat.NumberDecimalSeparator = ",";
        try
        {
            CultureInfo.CurrentCulture = commaDecimals;

            Assert.Equal("{dist: normal, mean: 10, sd: 2.5}", Distribution.Normal(10, 2.5).ToString());
            Assert.Equal("{dist: lognormal, mu: 1, sigma: 0.5}", Distribution.Lognormal(1, 0.5).ToString());
            Assert.Equal("{dist: triangular, min: 1, mode: 2, max: 7}", Distribution.Triangular(1, 2, 7).ToString());
            Assert.Equal("{dist: uniform, min: -2, max: 6}", Distribution.Uniform(-2, 6).ToString());
            Assert.Equal("{dist: exponential, mean: 3}", Distribution.Exponential(3).ToString());
            Assert.Equal("{dist: gamma, shape: 2, scale: 1.5}", Distribution.Gamma(2, 1.5).ToString());
            Assert.Equal("{dist: poisson, mean: 4}", Distribution.Poisson(4).ToString());
            Assert.Equal("{dist: constant, value: 0.1}", Distribution.Constant(0.1).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void Distributions_CompareByValue()
    {
        Assert.Equal(Distribution.Normal(10, 2), Distribution.Normal(10, 2));
        Assert.NotEqual<Distribution>(Distribution.Normal(10, 2), Distribution.Normal(10, 3));
        Assert.NotEqual<Distribution>(Distribution.Exponential(3), Distribution.Poisson(3));
    }

    private static Distribution Example(string kind) => kind switch
    {
        "normal" => Distribution.Normal(10, 2),
        "lognormal" => Distribution.Lognormal(1, 0.5),
        "triangular" => Distribution.Triangular(1, 2, 7),
        "uniform" => Distribution.Uniform(-2, 6),
        "exponential" => Distribution.Exponential(3),
        "gamma" => Distribution.Gamma(2, 1.5),
        "poisson" => Distribution.Poisson(4),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
