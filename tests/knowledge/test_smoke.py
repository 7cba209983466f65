def test_a_member_reads_their_communitys_insight(programme, client_for):
    response = client_for(programme.member).get(programme.pages["insight"].url)
    assert response.status_code == 200
    assert "Start small with ISFs" in response.content.decode()
