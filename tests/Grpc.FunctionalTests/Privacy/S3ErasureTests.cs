extern alias client;

using client::PesanAI.Protos.Privacy.V1;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PesanAI.Application.Media;
using PesanAI.FunctionalTests.Inbound;
using PesanAI.FunctionalTests.Media;
using PesanAI.FunctionalTests.Messaging;
using PesanAI.Infrastructure.Media;
using PesanAI.TestBed;

namespace PesanAI.FunctionalTests.Privacy;

/// <summary>With the S3 store (a real S3-protocol server), an erased customer's files are gone from the bucket.</summary>
public sealed class S3ErasureTests(S3ErasureTests.S3App fixture) : IClassFixture<S3ErasureTests.S3App>
{
    [Fact]
    public async Task An_erased_customers_file_is_deleted_from_the_bucket()
    {
        var app = fixture.App;
        var shop = await PrivacyBed.ShopAsync(app, new MessagingBed(app), ai: false);
        var customer = InboundBed.NewWaId();
        var photo = MediaBed.Bytes(40_000, seed: 5);
        var wamid = await PrivacyBed.CustomerSendsPhotoAsync(app, shop.Tenant, customer, "Sari", photo, "foto");
        var (_, stored, error) = await MediaBed.UntilFetchedAsync(MediaBed.MediaOf(shop.Tenant), MediaBed.MediaIdOf(wamid));
        Assert.Null(error);
        Assert.Equal(photo, stored);
        string key;
        await using (var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession(shop.Tenant.TenantId))
        {
            key = (await session.LoadAsync<MediaItem>(Guid.Parse(MediaBed.MediaIdOf(wamid))))!.StoreKey!;
        }

        var blobs = app.Services.GetRequiredService<IMediaBlobStore>();
        var tenantId = Guid.Parse(shop.Tenant.TenantId);
        Assert.IsType<S3MediaBlobStore>(blobs);
        await using (var before = await blobs.OpenReadAsync(tenantId, key, CancellationToken.None))
        {
            Assert.NotNull(before);
        }

        var erased = await shop.Privacy.EraseCustomerAsync(new EraseCustomerRequest { WaId = customer, RequestId = "s3-1" });

        Assert.Equal(1, erased.MediaFiles);
        Assert.Null(await blobs.OpenReadAsync(tenantId, key, CancellationToken.None));
    }

    public sealed class S3App : IAsyncLifetime
    {
        private S3Server? _server;
        private PesanAiApp? _app;

        public PesanAiApp App => _app ?? throw new InvalidOperationException("Not initialized.");

        public async Task InitializeAsync()
        {
            _server = await S3Server.StartAsync("erasure-media");
            _app = new PesanAiApp
            {
                Settings = new Dictionary<string, string?>
                {
                    ["PESANAI_MEDIA_STORE"] = "s3",
                    ["PESANAI_S3_ENDPOINT"] = _server.Endpoint.ToString(),
                    ["PESANAI_S3_BUCKET"] = _server.Bucket,
                    ["PESANAI_S3_ACCESS_KEY_ID"] = S3Server.AccessKeyId,
                    ["PESANAI_S3_SECRET_ACCESS_KEY"] = S3Server.SecretAccessKey,
                    ["PESANAI_MEDIA_RETRY_BASE_SECONDS"] = "0.05",
                },
            };
            await _app.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }

            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}
