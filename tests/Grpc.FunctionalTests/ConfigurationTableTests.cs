using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using PesanAI.Host.Hosting;

namespace PesanAI.FunctionalTests;

/// <summary>
/// The README's configuration table lists exactly the server's settings (the <c>PESANAI_*</c> keys its options
/// classes bind) and the variables only <c>./pesanai</c>, the tests or the benchmarks read.
/// </summary>
public sealed partial class ConfigurationTableTests
{
    /// <summary>Read by the script, the test bed or the benchmarks, never by the server.</summary>
    private static readonly string[] NotServerSettings =
    [
        "PESANAI_DATA_DIR", "PESANAI_PG_PORT", "PESANAI_POSTGRES", "PESANAI_EMULATOR_PORT", "PESANAI_EMULATOR_APP_SECRET",
        "PESANAI_TEST_POSTGRES", "PESANAI_BENCH_POSTGRES",
    ];

    [Fact]
    public void The_readme_lists_every_setting_and_nothing_else()
    {
        var declared = OptionKeys().Concat(NotServerSettings).ToHashSet(StringComparer.Ordinal);
        var documented = TableKeys().ToHashSet(StringComparer.Ordinal);

        var undocumented = string.Join(", ", declared.Except(documented).Order(StringComparer.Ordinal));
        var unknown = string.Join(", ", documented.Except(declared).Order(StringComparer.Ordinal));
        Assert.True(undocumented.Length == 0, $"Missing from the README's configuration table: {undocumented}");
        Assert.True(unknown.Length == 0, $"In the README's configuration table but read by nothing: {unknown}");
    }

    /// <summary>Every <c>PESANAI_*</c> configuration key of the PesanAI assemblies the host is built from.</summary>
    private static IEnumerable<string> OptionKeys() =>
        PesanAiAssemblies()
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(property => property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name)
            .OfType<string>()
            .Where(name => name.StartsWith("PESANAI_", StringComparison.Ordinal));

    private static IEnumerable<Assembly> PesanAiAssemblies()
    {
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(PesanAiHost).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("PesanAI.", StringComparison.Ordinal)))
            {
                pending.Push(Assembly.Load(reference));
            }
        }

        Assert.Contains("PesanAI.Infrastructure", found.Keys);
        return found.Values;
    }

    /// <summary>The <c>PESANAI_*</c> names in the first column of the table under "## Configuration".</summary>
    private static IEnumerable<string> TableKeys()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        var start = Array.IndexOf(lines, "## Configuration");
        Assert.True(start >= 0, "README.md has no \"## Configuration\" section");
        return lines.Skip(start + 1)
            .TakeWhile(line => !line.StartsWith('#'))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => Key().Matches(line.Split('|')[1]).Select(match => match.Value))
            .ToList();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PesanAI.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PesanAI.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex("PESANAI_[A-Z0-9_]+")]
    private static partial Regex Key();
}
