extern alias client;

using System.Diagnostics;
using System.Security.Cryptography;
using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Media.V1;
using client::PesanAI.Protos.Messaging.V1;
using Grpc.Core;
using PesanAI.FunctionalTests.Messaging;
using Xunit.Abstractions;
using MediaState = client::PesanAI.Protos.Media.V1.MediaState;
using MediaType = client::PesanAI.Protos.Messaging.V1.MediaType;

namespace PesanAI.FunctionalTests.Media;

/// <summary>Partners upload files through MediaService and send them by PesanAI's id; the dispatcher uploads them to Meta once per number.</summary>
public sealed class OutboundMediaTests(PesanAiApp app, ITestOutputHelper output) : IClassFixture<PesanAiApp>
{
    private readonly MediaBed _bed = new(app);

    [Fact]
    public async Task An_uploaded_pdf_is_sent_to_a_customer_and_meta_receives_the_same_bytes_uploaded_once()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await _bed.Messaging.CustomerWritesAsync(tenant, customer, "Minta invoice ya");
        var pdf = MediaBed.Bytes(250_000, seed: 11);
        var media = MediaBed.MediaOf(tenant);

        var uploaded = await MediaBed.UploadAsync(media, MediaType.Document, "application/pdf", pdf, "invoice-42.pdf");
        var first = await tenant.Messaging.SendMessageAsync(DocumentTo(tenant, customer, uploaded.MediaId, "Invoice"));
        var second = await tenant.Messaging.SendMessageAsync(DocumentTo(tenant, customer, uploaded.MediaId, "Invoice (copy)"));
        var accepted = await Task.WhenAll(
            MessagingBed.UntilAsync(tenant, first.Message.MessageId, m => m.SendState == SendState.Accepted),
            MessagingBed.UntilAsync(tenant, second.Message.MessageId, m => m.SendState == SendState.Accepted));

        Assert.Equal((MediaState.Stored, MediaOrigin.Upload, pdf.LongLength, MediaBed.Sha256Hex(pdf)), (uploaded.State, uploaded.Origin, uploaded.Size, uploaded.Sha256));
        Assert.All(accepted, m => Assert.Equal(SendState.Accepted, m.SendState));
        var sent = await _bed.Messaging.EmulatorMessagesAsync(tenant, customer);
        var metaIds = sent.EnumerateArray().Select(m => m.GetProperty("request").GetProperty("document").GetProperty("id").GetString()!).Distinct().ToList();
        var metaId = Assert.Single(metaIds);
        using var emulator = app.Emulator();
        Assert.Equal(pdf, await emulator.GetByteArrayAsync($"/_emulator/media/{metaId}"));
        Assert.Equal(uploaded.MediaId, accepted[0].Media.PesanaiMediaId);
    }

    [Fact]
    public async Task One_file_sent_to_several_customers_at_once_goes_out_to_all()
    {
        // The dispatcher sends them concurrently: each may upload the file before another remembered Meta's id.
        var tenant = await _bed.Messaging.TenantAsync();
        var customers = Enumerable.Range(0, 4).Select(_ => Inbound.InboundBed.NewWaId()).ToList();
        foreach (var customer in customers)
        {
            await _bed.Messaging.CustomerWritesAsync(tenant, customer, "Katalognya dong");
        }

        var pdf = await MediaBed.UploadAsync(MediaBed.MediaOf(tenant), MediaType.Document, "application/pdf", MediaBed.Bytes(50_000, seed: 17), "katalog.pdf");
        var sent = await Task.WhenAll(customers.Select(c => tenant.Messaging.SendMessageAsync(DocumentTo(tenant, c, pdf.MediaId, "Katalog")).ResponseAsync));
        var settled = await Task.WhenAll(sent.Select(s => MessagingBed.UntilAsync(
            tenant, s.Message.MessageId, m => m.SendState is SendState.Accepted or SendState.Failed or SendState.InDoubt)));

        Assert.All(settled, m => Assert.Equal(SendState.Accepted, m.SendState));
    }

    [Fact]
    public async Task A_customers_photo_can_be_sent_on_by_its_pesanai_id()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        var photo = MediaBed.Bytes(12_000, seed: 3);
        var wamid = await _bed.CustomerSendsAsync(tenant, customer, "image", photo, "image/jpeg");
        var (info, _, error) = await MediaBed.UntilFetchedAsync(MediaBed.MediaOf(tenant), MediaBed.MediaIdOf(wamid));
        Assert.Null(error);

        var sent = await tenant.Messaging.SendMessageAsync(new SendMessageRequest
        {
            PhoneNumberId = tenant.PhoneNumberId,
            To = customer,
            Media = new MediaContent { Type = MediaType.Image, PesanaiMediaId = info!.MediaId, Caption = "Ini fotonya" },
        });
        var message = await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, m => m.SendState == SendState.Accepted);

        Assert.Equal(SendState.Accepted, message.SendState);
        var metaId = (await _bed.Messaging.EmulatorMessagesAsync(tenant, customer)).EnumerateArray().Single()
            .GetProperty("request").GetProperty("image").GetProperty("id").GetString();
        using var emulator = app.Emulator();
        Assert.Equal(photo, await emulator.GetByteArrayAsync($"/_emulator/media/{metaId}"));
    }

    [Fact]
    public async Task Uploads_outside_metas_limits_are_invalid_argument_naming_the_field_and_store_nothing()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        var media = MediaBed.MediaOf(tenant);
        var before = await MediaProbe.StoredBlobCountAsync(app);

        var declaredTooLarge = await Assert.ThrowsAsync<RpcException>(() => MediaBed.UploadAsync(media, MediaType.Image, "image/jpeg", MediaBed.Bytes(100), size: 6 * 1024 * 1024));
        var refusedType = await Assert.ThrowsAsync<RpcException>(() => MediaBed.UploadAsync(media, MediaType.Image, "image/gif", MediaBed.Bytes(100)));
        var unknownKind = await Assert.ThrowsAsync<RpcException>(() => MediaBed.UploadAsync(media, MediaType.Unspecified, "image/jpeg", MediaBed.Bytes(100)));
        var bytesTooMany = await Assert.ThrowsAsync<RpcException>(() => MediaBed.UploadAsync(media, MediaType.Sticker, "image/webp", MediaBed.Bytes(600 * 1024), size: 0));
        var notAsDeclared = await Assert.ThrowsAsync<RpcException>(() => MediaBed.UploadAsync(media, MediaType.Image, "image/png", MediaBed.Bytes(1_000), size: 2_000));

        RpcAssert.FieldViolation(declaredTooLarge, "metadata.size");
        RpcAssert.FieldViolation(refusedType, "metadata.mime_type");
        RpcAssert.FieldViolation(unknownKind, "metadata.type");
        RpcAssert.FieldViolation(bytesTooMany, "chunk");
        RpcAssert.FieldViolation(notAsDeclared, "metadata.size");
        Assert.Equal(before, await MediaProbe.StoredBlobCountAsync(app));
    }

    [Fact]
    public async Task A_stored_file_of_the_wrong_kind_or_another_tenant_cannot_be_sent()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        var other = await _bed.Messaging.TenantAsync("Toko Lain");
        var customer = Inbound.InboundBed.NewWaId();
        await _bed.Messaging.CustomerWritesAsync(tenant, customer, "Halo");
        var pdf = await MediaBed.UploadAsync(MediaBed.MediaOf(tenant), MediaType.Document, "application/pdf", MediaBed.Bytes(1_000));
        var foreign = await MediaBed.UploadAsync(MediaBed.MediaOf(other), MediaType.Image, "image/png", MediaBed.Bytes(1_000));

        var asImage = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(new SendMessageRequest
        {
            PhoneNumberId = tenant.PhoneNumberId,
            To = customer,
            Media = new MediaContent { Type = MediaType.Image, PesanaiMediaId = pdf.MediaId },
        }).ResponseAsync);
        var foreignSend = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(new SendMessageRequest
        {
            PhoneNumberId = tenant.PhoneNumberId,
            To = customer,
            Media = new MediaContent { Type = MediaType.Image, PesanaiMediaId = foreign.MediaId },
        }).ResponseAsync);

        RpcAssert.FieldViolation(asImage, "content.media.pesanai_media_id");
        Assert.Equal(StatusCode.NotFound, foreignSend.StatusCode);
    }

    [Fact]
    public async Task Deleted_media_is_not_found_and_its_bytes_are_gone()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        var media = MediaBed.MediaOf(tenant);
        var before = await MediaProbe.StoredBlobCountAsync(app);
        var uploaded = await MediaBed.UploadAsync(media, MediaType.Image, "image/png", MediaBed.Bytes(2_000));
        Assert.Equal(before + 1, await MediaProbe.StoredBlobCountAsync(app));

        await media.DeleteMediaAsync(new DeleteMediaRequest { MediaId = uploaded.MediaId });

        await RpcAssert.Fails(StatusCode.NotFound, () => MediaBed.DownloadAsync(media, uploaded.MediaId));
        await RpcAssert.Fails(StatusCode.NotFound, () => media.DeleteMediaAsync(new DeleteMediaRequest { MediaId = uploaded.MediaId }).ResponseAsync);
        Assert.Equal(before, await MediaProbe.StoredBlobCountAsync(app));
    }

    [Fact]
    public async Task Bytes_altered_in_the_store_are_data_loss_not_served()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        var media = MediaBed.MediaOf(tenant);
        var uploaded = await MediaBed.UploadAsync(media, MediaType.Image, "image/png", MediaBed.Bytes(3_000));
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var flip = new Npgsql.NpgsqlCommand(
                "update pesanai.media_chunks set data = set_byte(data, 100, get_byte(data, 100) # 1) where tenant_id = $1", connection);
            flip.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Guid.Parse(tenant.TenantId) });
            Assert.Equal(1, await flip.ExecuteNonQueryAsync());
        }

        var corrupted = await Assert.ThrowsAsync<RpcException>(() => MediaBed.DownloadAsync(media, uploaded.MediaId));

        RpcAssert.Reason(corrupted, StatusCode.DataLoss, "MEDIA_CORRUPTED");
    }

    [Fact]
    public async Task A_100_mb_document_goes_up_and_down_whole_without_being_held_in_memory()
    {
        const long size = 100L * 1024 * 1024;
        var tenant = await _bed.Messaging.TenantAsync();
        var media = MediaBed.MediaOf(tenant);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var sampler = new RssSampler();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var stopwatch = Stopwatch.StartNew();

        string expected;
        MediaInfo uploaded;
        using (var call = media.UploadMedia())
        {
            await call.RequestStream.WriteAsync(new UploadMediaRequest
            {
                Metadata = new UploadMediaMetadata { Type = MediaType.Document, MimeType = "application/pdf", Filename = "big.pdf", Size = size },
            });
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

            // 64 KiB: under the large object heap's threshold, as a partner's client should send.
            var chunk = new byte[64 * 1024];
            var random = new Random(5);
            for (long sent = 0; sent < size; sent += chunk.Length)
            {
                random.NextBytes(chunk);
                hash.AppendData(chunk);
                await call.RequestStream.WriteAsync(new UploadMediaRequest { Chunk = Google.Protobuf.ByteString.CopyFrom(chunk) });
            }

            await call.RequestStream.CompleteAsync();
            uploaded = await call;
            expected = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        var uploadTime = stopwatch.Elapsed;
        using var download = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long received = 0;
        using (var call = media.GetMedia(new GetMediaRequest { MediaId = uploaded.MediaId }))
        {
            await foreach (var part in call.ResponseStream.ReadAllAsync())
            {
                if (part.PartCase == GetMediaResponse.PartOneofCase.Chunk)
                {
                    download.AppendData(part.Chunk.Span);
                    received += part.Chunk.Length;
                }
            }
        }

        var (rssBefore, peakRss) = sampler.Stop();
        output.WriteLine(
            $"100 MiB: upload {uploadTime.TotalSeconds:0.0} s, download {(stopwatch.Elapsed - uploadTime).TotalSeconds:0.0} s, " +
            $"RSS before {rssBefore / 1048576} MiB, peak during the round trip {peakRss / 1048576} MiB (test process with the host in it), " +
            $"managed allocations {(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1048576} MiB");

        Assert.Equal((size, expected), (uploaded.Size, uploaded.Sha256));
        Assert.Equal((size, expected), (received, Convert.ToHexStringLower(download.GetHashAndReset())));
        // Streamed: the process never held the file (or its ciphertext) whole on top of what it had before.
        Assert.True(peakRss - rssBefore < size, $"peak RSS grew by {(peakRss - rssBefore) / 1048576} MiB");
    }

    /// <summary>The process's resident set, sampled every 20 ms from start to stop.</summary>
    private sealed class RssSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly long _before;
        private readonly Task<long> _peak;

        public RssSampler()
        {
            _before = Rss();
            _peak = Task.Run(async () =>
            {
                var peak = _before;
                while (!_stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, Rss());
                    await Task.Delay(20, CancellationToken.None);
                }

                return Math.Max(peak, Rss());
            });
        }

        public (long Before, long Peak) Stop()
        {
            _stop.Cancel();
            return (_before, _peak.GetAwaiter().GetResult());
        }

        public void Dispose() => _stop.Dispose();

        private static long Rss()
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64;
        }
    }

    private static SendMessageRequest DocumentTo(SendingTenant tenant, string to, string mediaId, string caption) => new()
    {
        PhoneNumberId = tenant.PhoneNumberId,
        To = to,
        Media = new MediaContent { Type = MediaType.Document, PesanaiMediaId = mediaId, Caption = caption, Filename = "invoice-42.pdf" },
    };
}
