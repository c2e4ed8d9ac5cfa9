"""guidance: problem topics and revealed hints

Revision ID: 4ded76e90ea3
Revises: 4dae9f992734
Create Date: 2026-11-29 23:41:47.653437
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import api.db

revision = "4ded76e90ea3"
down_revision = "4dae9f992734"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hint_reveals",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("problem_id", sa.Integer(), nullable=False),
        sa.Column("revealed", sa.Integer(), nullable=False),
        sa.Column("updated_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["problem_id"],
            ["problems.id"],
            name=op.f("fk_hint_reveals_problem_id_problems"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_hint_reveals_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "problem_id", name=op.f("pk_hint_reveals")),
    )
    with op.batch_alter_table("hint_reveals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hint_reveals_problem_id"), ["problem_id"], unique=False
        )

    with op.batch_alter_table("problem_versions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("topic", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("not_applicable", sa.JSON(), nullable=False, server_default="{}")
        )


def downgrade() -> None:
    with op.batch_alter_table("problem_versions", schema=None) as batch_op:
        batch_op.drop_column("not_applicable")
        batch_op.drop_column("topic")

    with op.batch_alter_table("hint_reveals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hint_reveals_problem_id"))

    op.drop_table("hint_reveals")
