# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL address mistyped, a server not there, a password not found: each said as bad
input (exit 2) naming what is wrong and what to do, in English and in Chinese, never as an
internal error and never naming a host, socket or user the message does not show."""

import pytest

from field_kit import errors
from field_kit.cli.commands import main


def _status(address: str, monkeypatch, capsys) -> tuple[int, list[str]]:
    """``field-kit status ADDRESS`` as a user runs it under a Chinese locale: its exit code
    and the lines it said (the English line, then the Chinese one)."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    capsys.readouterr()
    code = main(["status", address])
    return code, capsys.readouterr().err.strip().splitlines()


@pytest.mark.parametrize("address, english, chinese", [
    ("host=/tmp port=5432 dbnmae=province",
     "field-kit: the address has an unknown keyword: dbnmae (libpq's are host, port, dbname, "
     "user, service, sslmode and the like; schema=NAME picks the schema)",
     "field-kit: 地址中有未知的关键字：dbnmae（libpq 的关键字有 host、port、dbname、user、"
     "service、sslmode 等；schema=名称 指定模式）"),
    ("service=province bogus=1",
     "field-kit: the address has an unknown keyword: bogus (libpq's are host, port, dbname, "
     "user, service, sslmode and the like; schema=NAME picks the schema)",
     "field-kit: 地址中有未知的关键字：bogus（libpq 的关键字有 host、port、dbname、user、"
     "service、sslmode 等；schema=名称 指定模式）"),
    ("postgresql://localhost/province?schema=toksun&foo=1",
     "field-kit: the address has an unknown query parameter: foo (libpq's are host, port, "
     "dbname, user, service, sslmode and the like; schema=NAME picks the schema)",
     "field-kit: 地址中有未知的查询参数：foo（libpq 的参数有 host、port、dbname、user、"
     "service、sslmode 等；schema=名称 指定模式）"),
    ("postgresql://sup@[/tmp]:5432/province",
     "field-kit: the address's host in square brackets is not an IPv6 address: a socket "
     "directory goes in host=DIR (postgresql://USER@/DBNAME?host=DIR)",
     "field-kit: 地址中方括号内的主机不是 IPv6 地址：套接字目录请写作 host=目录"
     "（postgresql://用户@/数据库?host=目录）"),
])
def test_a_typo_in_the_address_is_named_as_bad_input(address, english, chinese, monkeypatch,
                                                     capsys):
    code, said = _status(address, monkeypatch, capsys)
    assert code == errors.BAD_INPUT, said
    assert said == [english, chinese], said


def test_no_server_at_the_address_is_said_without_a_socket_it_does_not_show(tmp_path,
                                                                             monkeypatch,
                                                                             capsys):
    """libpq's "that socket" points at a socket the message never names: the server is said
    not to be running or not reachable at the address given."""
    code, said = _status(f"host={tmp_path} port=5432 dbname=province", monkeypatch, capsys)
    assert code == errors.BAD_INPUT, said
    assert said == [
        "field-kit: cannot connect to province (schema toksun): No such file or directory. "
        "Is the server running, and reachable at the address given?",
        # (the question is field-kit's own, said in Chinese before the brackets: libpq's
        # words alone stay in them)
        "field-kit: 无法连接 PostgreSQL 主库 province（模式 toksun）：数据库服务器未运行或无法访问"
        "（No such file or directory）"], said
    assert str(tmp_path) not in "\n".join(said)


def test_no_password_found_says_where_to_put_it(cluster, database, monkeypatch, capsys):
    """A role that must give its password, with none in a password file: where the password
    goes is said (never the command line)."""
    cluster.sql("DO $$ BEGIN CREATE ROLE zhao LOGIN SUPERUSER PASSWORD 'right'; "
                "EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    cluster.hba("local all zhao scram-sha-256")
    monkeypatch.setenv("PGPASSFILE", str(cluster.dir + "/no-such-pgpass"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    code, said = _status(database.replace("user=postgres", "user=zhao"), monkeypatch, capsys)
    db = database.split("dbname=")[1].split()[0]
    assert code == errors.BAD_INPUT, said
    assert said == [
        f"field-kit: cannot connect to {db} (schema toksun): the server asks for a password "
        "and none was found (fe_sendauth: no password supplied): put it in ~/.pgpass, or in "
        "the service's entry in pg_service.conf; never on the command line",
        f"field-kit: 无法连接 PostgreSQL 主库 {db}（模式 toksun）：服务器要求密码，而连接没有保存"
        "密码（fe_sendauth: no password supplied）：请写入 ~/.pgpass，或 pg_service.conf 中该服务"
        "的条目；切勿写在命令行上"], said
    assert "zhao" not in "\n".join(said)
