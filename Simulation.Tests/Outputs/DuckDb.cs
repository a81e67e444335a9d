using System.Globalization;
using DuckDB.NET.Data;

namespace Simulation.Tests.Outputs;

/// <summary>Reads Parquet files back with DuckDB, an independent reader, as a researcher would.</summary>
internal static class DuckDb
{
    public static List<object?[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static object? Scalar(string sql) => Query(sql).Single()[0];

    public static long Long(string sql) => Convert.ToInt64(Scalar(sql), CultureInfo.InvariantCulture);

    public static double Double(string sql) => Convert.ToDouble(Scalar(sql), CultureInfo.InvariantCulture);

    /// <summary>The DuckDB type of every column of a Parquet file, by name.</summary>
    public static Dictionary<string, string> Types(string parquet) =>
        Query($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {File(parquet)})")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

    /// <summary>A read_parquet(...) expression for a path.</summary>
    public static string File(string path) => $"read_parquet('{path.Replace("'", "''", StringComparison.Ordinal)}')";
}
