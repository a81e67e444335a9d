using Simulation.Core.Statistics.Sensitivity;

namespace Simulation.Tests.Statistics.Sensitivity;

public sealed class SobolIndicesTests
{
    [Fact]
    public void Ishigami_IndicesMatchTheAnalyticValues_WithinTheirBootstrapIntervals()
    {
        // f(x) = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i ~ U(-pi, pi), a = 7, b = 0.1 (Ishigami and Homma 1990).
        const double A = 7;
        const double B = 0.1;
        double pi4 = Math.Pow(Math.PI, 4);
        double pi8 = pi4 * pi4;
        double v1 = 0.5 * Math.Pow(1 + (B * pi4 / 5), 2);
        double v2 = A * A / 8;
        double v13 = B * B * pi8 * 8 / 225;
        double v = v1 + v2 + v13;
        double[] first = [v1 / v, v2 / v, 0];
        double[] total = [(v1 + v13) / v, v2 / v, v13 / v];

        var points = SaltelliDesign.Points(3, 8192);
        double[] y = points.Select(p =>
        {
            double x1 = (2 * Math.PI * p[0]) - Math.PI;
            double x2 = (2 * Math.PI * p[1]) - Math.PI;
            double x3 = (2 * Math.PI * p[2]) - Math.PI;
            return Math.Sin(x1) + (A * Math.Sin(x2) * Math.Sin(x2)) + (B * Math.Pow(x3, 4) * Math.Sin(x1));
        }).ToArray();

        var indices = SobolIndices.Estimate(y, 3, 500, seed: 1);

        AssertIndices(first, total, indices, tolerance: 0.02);
    }

    [Fact]
    public void SobolGFunction_IndicesMatchTheAnalyticValues_WithinTheirBootstrapIntervals()
    {
        // g(x) = prod (|4 x_i - 2| + a_i) / (1 + a_i): V_i = 1 / (3 (1 + a_i)^2), V = prod(1 + V_i) - 1.
        double[] a = [0, 1, 4.5, 9, 99, 99];
        double[] partial = a.Select(ai => 1 / (3 * (1 + ai) * (1 + ai))).ToArray();
        double product = partial.Aggregate(1.0, (p, vi) => p * (1 + vi));
        double v = product - 1;
        double[] first = partial.Select(vi => vi / v).ToArray();
        double[] total = partial.Select(vi => vi * product / (1 + vi) / v).ToArray();

        var points = SaltelliDesign.Points(a.Length, 8192);
        double[] y = points.Select(p =>
        {
            double g = 1;
            for (int i = 0; i < a.Length; i++)
            {
                g *= (Math.Abs((4 * p[i]) - 2) + a[i]) / (1 + a[i]);
            }

            return g;
        }).ToArray();

        var indices = SobolIndices.Estimate(y, a.Length, 500, seed: 2);

        AssertIndices(first, total, indices, tolerance: 0.02);
        // The ranking the G function is built to show: x1 dominates, x5 and x6 barely matter.
        Assert.True(indices[0].Total > indices[1].Total && indices[1].Total > indices[2].Total);
        Assert.True(indices[4].TotalHigh < 0.01);
    }

    [Fact]
    public void Design_HasDPlusTwoRowsPerSample_AndABRowsTakeOneColumnFromB()
    {
        var points = SaltelliDesign.Points(3, 4);
        Assert.Equal(4 * 5, points.Length);
        double[] a = points[5];
        double[] b = points[9];
        for (int i = 0; i < 3; i++)
        {
            double[] ab = points[5 + 1 + i];
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(k == i ? b[k] : a[k], ab[k]);
            }
        }
    }

    [Fact]
    public void Estimate_IsReproducibleForASeed()
    {
        var points = SaltelliDesign.Points(2, 64);
        double[] y = points.Select(p => p[0] + (2 * p[1] * p[1])).ToArray();
        Assert.Equal(SobolIndices.Estimate(y, 2, 100, seed: 9), SobolIndices.Estimate(y, 2, 100, seed: 9));
    }

    [Fact]
    public void Estimate_RejectsPartialBlocks() =>
        Assert.Throws<ArgumentException>(() => SobolIndices.Estimate(new double[11], 2, 100, seed: 1));

    private static void AssertIndices(double[] first, double[] total, IReadOnlyList<SobolIndex> indices, double tolerance)
    {
        for (int i = 0; i < first.Length; i++)
        {
            var index = indices[i];
            Assert.True(Math.Abs(index.FirstOrder - first[i]) < tolerance, $"S{i + 1} = {index.FirstOrder}, analytic {first[i]}");
            Assert.True(Math.Abs(index.Total - total[i]) < tolerance, $"ST{i + 1} = {index.Total}, analytic {total[i]}");
            Assert.True(index.FirstOrderLow <= first[i] && first[i] <= index.FirstOrderHigh, $"S{i + 1}: {first[i]} outside [{index.FirstOrderLow}, {index.FirstOrderHigh}]");
            Assert.True(index.TotalLow <= total[i] && total[i] <= index.TotalHigh, $"ST{i + 1}: {total[i]} outside [{index.TotalLow}, {index.TotalHigh}]");
        }
    }
}
