"""The liveness check answers anyone without touching the database: with no database
fixture, any query here would raise."""


def test_health_answers_without_the_database(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok"
