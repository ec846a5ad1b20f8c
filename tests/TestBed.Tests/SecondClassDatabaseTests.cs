namespace PesanAI.TestBed.Tests;

// See FirstClassDatabaseTests: both create "widgets", so a shared database would fail one of them.
public sealed class SecondClassDatabaseTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Class_gets_its_own_database_where_it_can_create_tables()
    {
        Assert.Equal(database.DatabaseName, await Sql.ScalarAsync<string>(database.ConnectionString, "SELECT current_database()"));

        await Sql.ExecuteAsync(database.ConnectionString, "CREATE TABLE widgets (name text); INSERT INTO widgets VALUES ('second')");

        Assert.Equal("second", await Sql.ScalarAsync<string>(database.ConnectionString, "SELECT string_agg(name, ',') FROM widgets"));
    }
}
