using System.ComponentModel;
using System.Globalization;

namespace PesanAI.TestBed;

/// <summary>A folder holding the PostgreSQL server programs (initdb, pg_ctl, postgres).</summary>
internal sealed record PostgresBinaries(string BinDirectory)
{
    private static readonly string[] RequiredPrograms = ["initdb", "pg_ctl", "postgres"];

    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    /// <summary>The newest Debian-style install, then <c>pg_config --bindir</c>, then PATH; null if none.</summary>
    public static PostgresBinaries? Find()
    {
        var found = Candidates().FirstOrDefault(HasServerPrograms);
        return found is null ? null : new PostgresBinaries(found);
    }

    private static IEnumerable<string> Candidates()
    {
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            foreach (var versionDirectory in Directory.GetDirectories(debianRoot).OrderByDescending(MajorVersion))
            {
                yield return Path.Combine(versionDirectory, "bin");
            }
        }

        if (PgConfigBinDirectory() is { } fromPgConfig)
        {
            yield return fromPgConfig;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return directory;
        }
    }

    private static bool HasServerPrograms(string directory) =>
        RequiredPrograms.All(program => File.Exists(Path.Combine(directory, program)));

    private static double MajorVersion(string versionDirectory) =>
        double.TryParse(Path.GetFileName(versionDirectory), CultureInfo.InvariantCulture, out var version) ? version : 0;

    private static string? PgConfigBinDirectory()
    {
        try
        {
            var result = ProcessRunner.Run("pg_config", ["--bindir"], TimeSpan.FromSeconds(10));
            return result.ExitCode == 0 ? result.Output.Trim() : null;
        }
        catch (Win32Exception)
        {
            return null; // no pg_config on PATH
        }
    }
}
