using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PesanAI.Application.Media;
using PesanAI.Host.Hosting;
using PesanAI.Infrastructure.Media;

namespace PesanAI.FunctionalTests;

/// <summary>The host's media store: PostgreSQL unless PESANAI_MEDIA_STORE says s3 (the stores themselves: Application.Tests/Media).</summary>
public sealed class MediaStoreHostTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    [Fact]
    public async Task The_host_keeps_media_encrypted_in_its_database_by_default()
    {
        var store = app.Services.GetRequiredService<IMediaStore>();
        var tenant = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes(200_000);

        var stored = await store.PutAsync(tenant, new MemoryStream(bytes), new MediaExpectation(1_000_000, bytes.Length), default);
        await using var read = await store.OpenReadAsync(tenant, stored.Key, default);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);

        Assert.Equal(bytes, copy.ToArray());
        Assert.IsType<PostgresMediaBlobStore>(app.Services.GetRequiredService<IMediaBlobStore>());
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "select (select count(*) from pesanai.media_chunks where tenant_id = $1 and key = $2), (select count(*) from pesanai.media_keys where tenant_id = $1)", connection);
        count.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenant });
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stored.Key });
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(1, reader.GetInt64(0));
        Assert.Equal(1, reader.GetInt64(1));
    }

    [Fact]
    public async Task The_s3_setting_selects_the_s3_store()
    {
        await using var node = PesanAiHost.Build(["--environment", "Development"], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=never_opened;Timeout=1",
                ["PESANAI_MEDIA_STORE"] = "s3",
                ["PESANAI_S3_ENDPOINT"] = "http://127.0.0.1:1/",
                ["PESANAI_S3_BUCKET"] = "media",
            }));

        Assert.IsType<S3MediaBlobStore>(node.Services.GetRequiredService<IMediaBlobStore>());
        Assert.IsType<EncryptedMediaStore>(node.Services.GetRequiredService<IMediaStore>());
    }
}
