using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Npgsql;

namespace PesanAI.FunctionalTests.Privacy;

/// <summary>
/// Looks for a value in every column of every table of a database (every schema but PostgreSQL's own), as the admin
/// role (which row-level security does not filter): text, JSON and arrays by their text form, bytea by its bytes.
/// What a privacy test counts to show that nothing of a customer or a tenant is left.
/// </summary>
internal static class DatabaseScan
{
    /// <summary>The forms a value takes once stored: as is, JSON-escaped (System.Text.Json's default and relaxed
    /// encoders, upper and lower-case hex) and, for bytea, its UTF-8 bytes.</summary>
    public static IReadOnlyList<string> Forms(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var strict = JsonSerializer.Serialize(value)[1..^1];
        var relaxed = JsonSerializer.Serialize(value, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })[1..^1];
        return new[] { value, strict, LowerHex(strict), relaxed }.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Rows holding any form of the value, per table ("schema.table" → rows); tables without one are left out.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> RowsContainingAsync(string adminConnectionString, string value)
    {
        var hits = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        foreach (var (table, columns) in await TablesAsync(connection))
        {
            var conditions = new List<string>();
            var parameters = new List<NpgsqlParameter>();
            foreach (var form in Forms(value))
            {
                parameters.Add(new NpgsqlParameter { Value = form });
                var text = "$" + parameters.Count;
                parameters.Add(new NpgsqlParameter { Value = Encoding.UTF8.GetBytes(form), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
                var bytes = "$" + parameters.Count;
                conditions.AddRange(columns.Select(c => c.Type == "bytea"
                    ? $"position({bytes} in {Quote(c.Name)}) > 0"
                    : $"strpos({Quote(c.Name)}::text, {text}) > 0"));
            }

            await using var command = new NpgsqlCommand($"select count(*) from {table} where {string.Join(" or ", conditions)}", connection);
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(parameter);
            }
            var rows = (long)(await command.ExecuteScalarAsync())!;
            if (rows > 0)
            {
                hits[table] = rows;
            }
        }

        return hits;
    }

    /// <summary>Every table's row count ("schema.table" → rows), to show what other tenants or customers kept.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> RowCountsAsync(string adminConnectionString)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        foreach (var (table, _) in await TablesAsync(connection))
        {
            await using var command = new NpgsqlCommand($"select count(*) from {table}", connection);
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }

        return counts;
    }

    private static async Task<List<(string Table, List<(string Name, string Type)> Columns)>> TablesAsync(NpgsqlConnection connection)
    {
        const string Sql = """
            select n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
            order by n.nspname, c.relname, a.attnum
            """;
        var tables = new List<(string, List<(string, string)>)>();
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var table = Quote(reader.GetString(0)) + "." + Quote(reader.GetString(1));
            if (tables.Count == 0 || tables[^1].Item1 != table)
            {
                tables.Add((table, []));
            }

            tables[^1].Item2.Add((reader.GetString(2), reader.GetString(3)));
        }

        return tables;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string LowerHex(string escaped) =>
        System.Text.RegularExpressions.Regex.Replace(escaped, @"\\u[0-9A-F]{4}", m => m.Value.ToLowerInvariant());
}
