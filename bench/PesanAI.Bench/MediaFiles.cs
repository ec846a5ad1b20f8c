using System.Security.Cryptography;

namespace PesanAI.Bench;

/// <summary>A customer's image staged in the emulator's media library: Meta's id, who sends it, its SHA-256 (lowercase hex).</summary>
internal sealed record MediaFile(string WaId, string MetaMediaId, string Sha256, int Bytes);

/// <summary>Random bytes per file (seeded: the same run gives the same files), put into the emulator before a phase so the phase only sends webhooks.</summary>
internal static class MediaFiles
{
    public const string MimeType = "image/jpeg";

    public static async Task<MediaFile[]> StageAsync(Emulator emulator, string phoneNumberId, IReadOnlyList<string> customers, int first, int count, int bytes)
    {
        var files = new MediaFile[count];
        var staged = await LoadRunner.RunAsync(count, 4, async i =>
        {
            var index = first + i;
            var data = new byte[bytes];
            new Random(index).NextBytes(data);
            var id = await emulator.StoreMediaAsync(phoneNumberId, data, MimeType);
            files[i] = new MediaFile(customers[index % customers.Count], id, Convert.ToHexStringLower(SHA256.HashData(data)), bytes);
            return true;
        });
        return staged.Failed.Count == 0 ? files : throw new InvalidOperationException("The emulator did not store every file.");
    }
}
