using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using PesanAI.Infrastructure.Media;
using PesanAI.TestBed;
using Xunit.Abstractions;

namespace PesanAI.Application.Tests.Media;

/// <summary>The production store against a real S3-protocol server (s3rver, signature v4), keys in PostgreSQL.</summary>
[Collection(MediaStoresCollection.Name)]
public sealed class S3MediaStoreTests(S3MediaStoreTests.Fixture fixture, ITestOutputHelper output) : MediaStoreContract(output), IClassFixture<S3MediaStoreTests.Fixture>
{
    protected override IMediaBlobStore Blobs => fixture.Blobs;

    protected override TenantMediaKeys Keys => fixture.Keys;

    protected override async Task<byte[]?> RawAsync(Guid tenantId, string key)
    {
        try
        {
            using var response = await fixture.Client.GetObjectAsync(fixture.Server.Bucket, key);
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy);
            return copy.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    protected override async Task ReplaceRawAsync(Guid tenantId, string key, byte[] ciphertext) =>
        await fixture.Client.PutObjectAsync(new PutObjectRequest { BucketName = fixture.Server.Bucket, Key = key, InputStream = new MemoryStream(ciphertext), UseChunkEncoding = false });

    /// <summary>Completed objects and multipart uploads still open under the tenant's prefix.</summary>
    protected override async Task<int> StoredCountAsync(Guid tenantId)
    {
        var prefix = tenantId.ToString("N") + "/";
        var objects = await fixture.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = fixture.Server.Bucket, Prefix = prefix });
        return (objects.S3Objects?.Count ?? 0) + fixture.Server.OpenUploads();
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private readonly StoreFixture _postgres = new();
        private S3Server? _server;
        private AmazonS3Client? _client;
        private S3MediaBlobStore? _blobs;
        private TenantMediaKeys? _keys;

        public S3Server Server => _server ?? throw new InvalidOperationException("Not initialized.");

        public AmazonS3Client Client => _client ?? throw new InvalidOperationException("Not initialized.");

        public S3MediaBlobStore Blobs => _blobs ?? throw new InvalidOperationException("Not initialized.");

        public TenantMediaKeys Keys => _keys ?? throw new InvalidOperationException("Not initialized.");

        public async Task InitializeAsync()
        {
            var postgres = _postgres.InitializeAsync();
            _server = await S3Server.StartAsync("pesanai-media");
            await postgres;
            var options = new MediaOptions
            {
                Store = MediaOptions.S3,
                S3Endpoint = _server.Endpoint,
                S3Bucket = _server.Bucket,
                S3AccessKeyId = S3Server.AccessKeyId,
                S3SecretAccessKey = S3Server.SecretAccessKey,
            };
            _client = S3MediaBlobStore.CreateClient(options);
            _blobs = new S3MediaBlobStore(S3MediaBlobStore.CreateClient(options), _server.Bucket, NullLogger<S3MediaBlobStore>.Instance);
            _keys = PostgresMediaStoreTests.NewKeys(_postgres.Store);
        }

        public async Task DisposeAsync()
        {
            _blobs?.Dispose();
            _client?.Dispose();
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }

            await _postgres.DisposeAsync();
        }
    }
}
