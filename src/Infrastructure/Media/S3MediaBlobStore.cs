using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using PesanAI.Application.Common;

namespace PesanAI.Infrastructure.Media;

/// <summary>
/// The production store (ADR 011): one object per key in an S3-compatible bucket. An object that fits in one part is
/// buffered (at most <see cref="PartSize"/>) and sent with one PutObject after the caller's check; a larger one is a
/// multipart upload of parts of <see cref="PartSize"/>, completed only after the check and aborted when anything
/// throws, so that no object ever appears for rejected bytes. Reads stream GetObject's body. Owns (disposes) the client.
/// </summary>
public sealed partial class S3MediaBlobStore(IAmazonS3 s3, string bucket, ILogger<S3MediaBlobStore> logger) : IMediaBlobStore, IDisposable
{
    /// <summary>Above S3's 5 MiB minimum part; the memory one upload holds.</summary>
    public const int PartSize = 8 * 1024 * 1024;

    /// <summary>
    /// A client for <paramref name="options"/>. S3-compatible servers get path-style addressing, and checksums only
    /// where S3 requires them: the SDK's default trailing checksums (aws-chunked bodies) are not understood by all.
    /// </summary>
    public static AmazonS3Client CreateClient(MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config
        {
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.S3Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.AbsoluteUri;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = options.S3Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.S3Region);
        }

        return string.IsNullOrEmpty(options.S3AccessKeyId)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.S3AccessKeyId, options.S3SecretAccessKey), config);
    }

    public async Task WriteAsync(Guid tenantId, string key, Stream content, Func<CancellationToken, Task> beforeCommit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(beforeCommit);
        var buffer = GC.AllocateUninitializedArray<byte>(PartSize);
        var read = await content.ReadAtLeastAsync(buffer, PartSize, throwOnEndOfStream: false, cancellationToken);
        if (read < PartSize)
        {
            await beforeCommit(cancellationToken);
            using var body = new MemoryStream(buffer, 0, read, writable: false);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body, UseChunkEncoding = false }, cancellationToken);
            return;
        }

        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            while (read > 0)
            {
                using var body = new MemoryStream(buffer, 0, read, writable: false);
                var part = await s3.UploadPartAsync(
                    new UploadPartRequest
                    {
                        BucketName = bucket,
                        Key = key,
                        UploadId = upload.UploadId,
                        PartNumber = parts.Count + 1,
                        InputStream = body,
                        PartSize = read,
                        UseChunkEncoding = false,
                    },
                    cancellationToken);
                parts.Add(new PartETag(parts.Count + 1, part.ETag));
                read = read < PartSize ? 0 : await content.ReadAtLeastAsync(buffer, PartSize, throwOnEndOfStream: false, cancellationToken);
            }

            await beforeCommit(cancellationToken);
            await s3.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = parts }, cancellationToken);
        }
        catch
        {
            await AbortAsync(key, upload.UploadId);
            throw;
        }
    }

    public async Task<Stream?> OpenReadAsync(Guid tenantId, string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
            return new ResponseStream(response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task DeleteAsync(Guid tenantId, string key, CancellationToken cancellationToken) =>
        s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, cancellationToken);

    public void Dispose() => s3.Dispose();

    /// <summary>
    /// Frees the parts (whatever the caller's token says: they are stored and billed until aborted). A failed abort is
    /// logged, not thrown over the original failure; a bucket lifecycle rule removes what is left (README).
    /// </summary>
    private async Task AbortAsync(string key, string uploadId)
    {
        try
        {
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, CancellationToken.None);
        }
        catch (AmazonServiceException e)
        {
            LogAbortFailed(logger, $"{(int)e.StatusCode} {e.ErrorCode}");
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException)
        {
            LogAbortFailed(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not abort a rejected multipart media upload ({Failure}); its parts stay until the bucket's lifecycle rule removes them")]
    private static partial void LogAbortFailed(ILogger logger, string failure);

    /// <summary>GetObject's body; disposing it ends the response.</summary>
    private sealed class ResponseStream(GetObjectResponse response) : ReadOnlyStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            response.ResponseStream.ReadAsync(buffer, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
