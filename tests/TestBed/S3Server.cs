using System.Diagnostics;

namespace PesanAI.TestBed;

/// <summary>
/// A real S3-protocol server for store tests: the npm package s3rver (signature v4, multipart uploads), installed once
/// into <see cref="InstallDirectory"/> (<c>./pesanai setup</c> does the same), started on a free loopback port with a
/// throwaway data folder and one bucket, and stopped with it. The server also exits when its standard input closes, so
/// a test process that dies does not leave it behind.
/// </summary>
public sealed class S3Server : IAsyncDisposable
{
    public const string PackageVersion = "3.7.1";

    /// <summary>s3rver's built-in account; it checks every request's signature against it.</summary>
    public const string AccessKeyId = "S3RVER";

    public const string SecretAccessKey = "S3RVER";

    // s3rver 3.7.1 answers AbortMultipartUpload with 405 (not implemented); after its signature check passed, the
    // launcher does what S3 does: forgets the upload and its parts (s3rver keeps them in <bucket>/._S3rver_uploads/<id>).
    private const string Launcher = """
        const fs = require('fs');
        const path = require('path');
        const S3rver = require('s3rver');
        const [directory, bucket] = process.argv.slice(1);
        const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
        server.middleware.unshift(async (ctx, next) => {
          if (ctx.method !== 'DELETE' || typeof ctx.query.uploadId !== 'string') return next();
          try {
            await next();
          } catch (error) {
            if (error.code !== 'MethodNotAllowed' || !/^[0-9a-f]+$/.test(ctx.query.uploadId)) throw error;
            const uploads = path.join(directory, ctx.path.split('/')[1], '._S3rver_uploads');
            const upload = path.join(uploads, ctx.query.uploadId);
            if (!fs.existsSync(upload)) throw error;
            await fs.promises.rm(upload, { recursive: true, force: true });
            ctx.status = 204;
          }
        });
        server.run()
          .then(address => console.log('listening ' + address.port), error => { console.error(error); process.exit(1); });
        process.stdin.on('end', () => process.exit(0));
        process.stdin.resume();
        """;

    private static readonly SemaphoreSlim Installing = new(1, 1);
    private readonly Process _process;
    private readonly string _dataDirectory;

    private S3Server(Process process, string dataDirectory, Uri endpoint, string bucket)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        Endpoint = endpoint;
        Bucket = bucket;
    }

    /// <summary>The cache folder <c>./pesanai setup</c> installs into: <c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>, then <c>pesanai/s3rver-VERSION</c>.</summary>
    public static string InstallDirectory
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "pesanai", "s3rver-" + PackageVersion);
        }
    }

    public Uri Endpoint { get; }

    public string Bucket { get; }

    /// <summary>Multipart uploads begun and neither completed nor aborted (s3rver has no ListMultipartUploads).</summary>
    public int OpenUploads()
    {
        var uploads = Path.Combine(_dataDirectory, Bucket, "._S3rver_uploads");
        return Directory.Exists(uploads) ? Directory.GetDirectories(uploads).Length : 0;
    }

    public static async Task<S3Server> StartAsync(string bucket)
    {
        var installed = await InstallAsync();
        var dataDirectory = Directory.CreateTempSubdirectory("pesanai-test-s3-").FullName;
        var startInfo = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = installed,
        };
        foreach (var argument in new[] { "-e", Launcher, dataDirectory, bucket })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node for s3rver.");
        var errors = process.StandardError.ReadToEndAsync();
        var line = process.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(line, Task.Delay(TimeSpan.FromSeconds(30))) != line || line.Result is not { } listening
            || !listening.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(dataDirectory, recursive: true);
            throw new InvalidOperationException("s3rver did not start: " + await errors);
        }

        var port = int.Parse(listening["listening ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        return new S3Server(process, dataDirectory, new Uri($"http://127.0.0.1:{port}/"), bucket);
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>
    /// The folder holding <c>node_modules/s3rver</c>, installed from the npm registry if missing (into a temporary
    /// folder first, moved into place whole, so that a second test process never sees half an install).
    /// </summary>
    private static async Task<string> InstallAsync()
    {
        var directory = InstallDirectory;
        if (File.Exists(Path.Combine(directory, "node_modules", "s3rver", "package.json")))
        {
            return directory;
        }

        await Installing.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(directory, "node_modules", "s3rver", "package.json")))
            {
                return directory;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
            var staging = directory + ".installing-" + Guid.NewGuid().ToString("N");
            var result = await ProcessRunner.RunAsync(
                "npm",
                ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", staging, "s3rver@" + PackageVersion],
                TimeSpan.FromMinutes(5));
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm install s3rver@{PackageVersion} failed (./pesanai setup installs it):\n{result.Output}");
            }

            try
            {
                Directory.Move(staging, directory);
            }
            catch (IOException) when (Directory.Exists(directory))
            {
                Directory.Delete(staging, recursive: true); // another process finished first
            }

            return directory;
        }
        finally
        {
            Installing.Release();
        }
    }
}
