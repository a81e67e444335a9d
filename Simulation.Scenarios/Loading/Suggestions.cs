namespace Simulation.Scenarios.Loading;

/// <summary>Finds the valid name nearest to a mistyped one, for "did you mean" hints.</summary>
internal static class Suggestions
{
    /// <summary>
    /// The candidate with the smallest Levenshtein distance to <paramref name="name"/>, if it is
    /// close enough to be a plausible typo: at most 2 edits, or a third of the longer name.
    /// Ties go to the candidate met first, so hints are deterministic.
    /// </summary>
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int limit = Math.Max(2, Math.Max(name.Length, candidate.Length) / 3);
            if (Math.Abs(candidate.Length - name.Length) > limit)
            {
                continue;
            }

            int distance = Distance(name, candidate, Math.Min(limit, bestDistance));
            if (distance < bestDistance && distance <= limit)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>The "; did you mean 'x'?" suffix of a message, or empty when nothing is close.</summary>
    public static string Hint(string name, IEnumerable<string> candidates)
    {
        string? nearest = Nearest(name, candidates);
        return nearest is null ? "" : "; did you mean '" + nearest + "'?";
    }

    /// <summary>Levenshtein distance, giving up (returning more than <paramref name="cap"/>) once it must exceed it.</summary>
    internal static int Distance(string a, string b, int cap = int.MaxValue)
    {
        if (a.Length == 0)
        {
            return b.Length;
        }

        if (b.Length == 0)
        {
            return a.Length;
        }

        Span<int> previous = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        Span<int> current = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > cap)
            {
                return rowMin;
            }

            Span<int> swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }
}
