import { Button, type ButtonProps } from 'antd';
import type { MouseEvent } from 'react';
import { useHref, useLinkClickHandler } from 'react-router-dom';

type Props = Omit<ButtonProps, 'href' | 'onClick'> & { to: string };

/** A router link that looks like a button: a real <a href>, navigated inside the app. */
export function LinkButton({ to, ...props }: Props) {
  const href = useHref(to);
  const handleClick = useLinkClickHandler<HTMLElement>(to);
  // antd renders an <a> when given href; the click handler keeps navigation inside the app.
  const onClick = (event: MouseEvent<HTMLElement>) => handleClick(event as MouseEvent<HTMLAnchorElement>);
  return <Button {...props} href={href} onClick={onClick} />;
}
