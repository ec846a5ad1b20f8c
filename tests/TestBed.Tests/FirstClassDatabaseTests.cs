namespace PesanAI.TestBed.Tests;

// This class and SecondClassDatabaseTests both create a table named "widgets": were their
// fixtures to share a database, one CREATE TABLE would fail.
public sealed class FirstClassDatabaseTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Class_gets_its_own_database_where_it_can_create_tables()
    {
        Assert.Equal(database.DatabaseName, await Sql.ScalarAsync<string>(database.ConnectionString, "SELECT current_database()"));

        await Sql.ExecuteAsync(database.ConnectionString, "CREATE TABLE widgets (name text); INSERT INTO widgets VALUES ('first')");

        Assert.Equal("first", await Sql.ScalarAsync<string>(database.ConnectionString, "SELECT string_agg(name, ',') FROM widgets"));
    }

    [Fact]
    public async Task Server_answers_select_version()
    {
        var version = await Sql.ScalarAsync<string>(database.ConnectionString, "SELECT version()");

        Assert.StartsWith("PostgreSQL ", version, StringComparison.Ordinal);
    }
}
